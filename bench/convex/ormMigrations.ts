import type { MutationBuilder } from 'convex/server';
import { createOrm } from 'convex-orm';
import { defineMigration, defineMigrationFunctions, defineMigrationSet } from 'convex-orm/migrations';
import { internal } from './_generated/api.js';
import type { DataModel } from './_generated/dataModel.js';
import { internalMutation, internalQuery } from './_generated/server.js';
import { scoreOf, transactions } from './backfill.js';
import { relations } from './schema.js';

// Workload 10 for convex-orm: the backfill as a convex-orm migration, run by
// the migration runtime (kickoff mutation, then one scheduled chunk per batch,
// each applying its batch in a nested sub-transaction).

const backfillScore = defineMigration<DataModel>({
  id: '20261201_000000_backfill_event_score',
  description: 'fill events.score',
  up: { table: 'events', migrateOne: async (_ctx, doc) => scoreOf(doc) },
});

// Counts top-level transactions: the kickoff (`run`) and every scheduled
// chunk; a chunk's nested batch (`batch: true`) runs inside its chunk.
type Definition = { args: never; handler: (ctx: unknown, args: { batch?: boolean }) => unknown };
const countingMutation = ((definition: Definition) =>
  internalMutation({
    ...definition,
    handler: (ctx, args: { batch?: boolean }) => {
      if (args.batch !== true) transactions.convexOrm += 1;
      return definition.handler(ctx, args);
    },
  })) as unknown as MutationBuilder<DataModel, 'internal'>;

export const { run, runChunk, status, cancel } = defineMigrationFunctions({
  orm: createOrm({ relations }),
  migrations: defineMigrationSet([backfillScore]),
  internalMutation: countingMutation,
  internalQuery,
  self: internal.ormMigrations,
});
