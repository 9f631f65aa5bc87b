import type { RegisteredMutation, RegisteredQuery } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { OrmWriter } from 'convex-orm';
import {
  defineMigration,
  defineMigrationFunctions,
  defineMigrationSet,
  type Migration,
  type MigrationStatus,
  type RunResult,
  type RunView,
  type StatusResult,
} from 'convex-orm/migrations';
import { describe, expectTypeOf, it } from 'vitest';
import type { internal } from '../../example/convex/_generated/api';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import { internalMutation, internalQuery } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { relations, users } from '../../example/convex/schema';

describe('defineMigration types', () => {
  it('types doc, ctx and the patch by the step table', () => {
    const migration = defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        migrateOne: async (ctx, doc) => {
          expectTypeOf(doc._id).toEqualTypeOf<GenericId<'todos'>>();
          expectTypeOf(doc.priority).toEqualTypeOf<'low' | 'medium' | 'high' | null | undefined>();
          expectTypeOf(ctx.direction).toEqualTypeOf<'up' | 'down'>();
          expectTypeOf(ctx.writeMode).toEqualTypeOf<'safe_bypass' | 'normal'>();
          if (doc.priority == null) return { priority: 'medium' };
        },
      },
      down: { table: 'users', migrateOne: async (_ctx, doc) => ({ name: doc.name.trim(), age: undefined }) },
    });
    expectTypeOf(migration).toEqualTypeOf<Migration>();
  });

  it('rejects unknown tables, unknown fields and wrong values', () => {
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      // @ts-expect-error: not a table of the data model
      up: { table: 'nope', migrateOne: async () => undefined },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: priority is an enum
        migrateOne: async () => ({ priority: 'urgent' }),
      },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: system fields cannot be patched
        migrateOne: async (_ctx, doc) => ({ _id: doc._id }),
      },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: todos has no index by_title
        range: (q) => q.withIndex('by_title'),
        migrateOne: async () => undefined,
      },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        // @ts-expect-error: by_done ranges over a boolean
        range: (q) => q.withIndex('by_done', (r) => r.eq('done', 'no')),
        migrateOne: async () => undefined,
      },
    });
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      // @ts-expect-error: writeMode is 'safe_bypass' | 'normal'
      up: { table: 'todos', writeMode: 'fast', migrateOne: async () => undefined },
    });
  });
});

describe('ctx.orm', () => {
  it('is unknown by default and the ORM writer when given as the second type argument', () => {
    defineMigration<DataModel>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        migrateOne: async (ctx) => {
          expectTypeOf(ctx.orm).toBeUnknown();
        },
      },
    });
    defineMigration<DataModel, OrmWriter<typeof relations>>({
      id: '20260101_000000_a',
      up: {
        table: 'todos',
        migrateOne: async (ctx, doc) => {
          const author = await ctx.orm.query.users.findFirst({ where: { name: doc.title } });
          expectTypeOf(author).toEqualTypeOf<typeof users.$inferSelect | null>();
          // @ts-expect-error: no table "nope" in the relations
          ctx.orm.query.nope;
        },
      },
    });
  });
});

describe('defineMigrationFunctions types', () => {
  it('returns internal functions and accepts internal.<module> as self', () => {
    const functions = defineMigrationFunctions({
      orm,
      migrations: defineMigrationSet([]),
      internalMutation,
      internalQuery,
      self: {} as (typeof internal)['migrations'],
    });
    expectTypeOf(functions.run).toMatchTypeOf<RegisteredMutation<'internal', any, Promise<RunResult>>>();
    expectTypeOf(functions.status).toMatchTypeOf<
      RegisteredQuery<'internal', { runId?: string }, Promise<StatusResult>>
    >();
    expectTypeOf<StatusResult['lastRun']>().toEqualTypeOf<RunView | null>();
    expectTypeOf<StatusResult['partiallyReverted'][number]>().toEqualTypeOf<{
      migrationId: string;
      status: MigrationStatus;
      processed: number;
    }>();
    // @ts-expect-error: the last run is nullable
    expectTypeOf<StatusResult['lastRun']>().toEqualTypeOf<RunView>();
    defineMigrationFunctions({
      orm,
      migrations: defineMigrationSet([]),
      internalMutation,
      internalQuery,
      // @ts-expect-error: self must reference the module's runChunk
      self: {},
    });
  });
});
