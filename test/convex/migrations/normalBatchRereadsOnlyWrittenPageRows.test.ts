// A 'normal' migration batch reads a later document of its page again (ctx.db.get) only when the
// update of a document (its hooks, its foreign-key actions) wrote that document: writes to other
// tables, an after-hook's audit row or the migrated table's aggregate buckets, leave the page as
// read. Each document is then read by id once per batch, as under safe_bypass.
import type { GenericDatabaseWriter, GenericMutationCtx } from 'convex/server';
import { createOrm, defineTriggers, eq } from 'convex-orm';
import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { relations as exampleRelations, groups, todos } from '../../../example/convex/schema';
import { authors, backfillAll, orm, posts, schema } from '../aggregates/fixture';
import { migrationBackend, todos as storedTodos } from './harness';

/** Records every ctx.db.get of a batch (a runChunk call with `batch: true`). */
function recordingMutation(gets: string[]): typeof internalMutation {
  type Definition = { args: never; handler: (ctx: GenericMutationCtx<any>, args: Record<string, unknown>) => unknown };
  return ((definition: Definition) =>
    internalMutation({
      ...definition,
      handler: (ctx: GenericMutationCtx<any>, args: Record<string, unknown>) => {
        if (!('runId' in args) || args.batch !== true) return definition.handler(ctx, args);
        const db = new Proxy(ctx.db, {
          get(target, property) {
            if (property === 'get') {
              return (...args: string[]) => {
                gets.push(args[args.length - 1]!);
                return (target.get as (...a: string[]) => unknown)(...args);
              };
            }
            const value = Reflect.get(target, property);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }) as GenericDatabaseWriter<any>;
        return definition.handler({ ...ctx, db }, args);
      },
    } as never)) as unknown as typeof internalMutation;
}

const auditOrm = createOrm({
  relations: exampleRelations,
  triggers: defineTriggers(exampleRelations, {
    todos: {
      afterUpdate: async ({ new: row }, ctx) =>
        void (await ctx.db.insert(groups).values({ name: `audit ${row.title}` })),
    },
  }),
});

describe("'normal' migration whose hook writes only another table", () => {
  it('each todo is read by id once per batch', async () => {
    const gets: string[] = [];
    const migration = defineMigration<DataModel>({
      id: '20260101_000000_done',
      up: { table: 'todos', writeMode: 'normal', migrateOne: async () => ({ done: true }) },
    });
    const backend = migrationBackend(defineMigrationSet([migration]), auditOrm as never, recordingMutation(gets));
    const ids = await backend.t.run(async (ctx) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) out.push(await ctx.db.insert('todos', { title: `t${i}`, done: false }));
      return out;
    });
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    expect(run.status).toBe('completed');
    expect(ids.map((id) => gets.filter((g) => g === id).length)).toEqual(ids.map(() => 1));
  });
});

describe('migration over a table with aggregate indexes, no hooks', () => {
  it.each<WriteMode>(['normal', 'safe_bypass'])('%s: each post is read by id once per batch', async (writeMode) => {
    const gets: string[] = [];
    const migration = defineMigration<any>({
      id: '20260101_000000_bump',
      up: { table: 'posts', writeMode, migrateOne: async (_ctx: any, doc: any) => ({ views: (doc.views ?? 0) + 1 }) },
    });
    const backend = migrationBackend(
      defineMigrationSet([migration]),
      orm as never,
      recordingMutation(gets),
      false,
      schema,
    );
    const ids = await backend.t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [a] = await db.insert(authors).values({ name: 'a' }).returning({ _id: authors._id });
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const [p] = await db
          .insert(posts)
          .values({ title: `p${i}`, authorId: a!._id, status: 'draft', views: i })
          .returning({ _id: posts._id });
        out.push(p!._id);
      }
      return out;
    });
    await backfillAll(backend.t, 4);
    gets.length = 0;
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    expect(run.status).toBe('completed');
    const perPost = ids.map((id) => gets.filter((g) => g === id).length);
    expect(perPost).toEqual(ids.map(() => 1));
  });
});

// The hook of t0's update deletes t1 and renames t2 (later documents of the same page): t1 is not
// migrated nor counted, and t2 is migrated from its renamed document, as batches of one would.
const editingOrm = createOrm({
  relations: exampleRelations,
  triggers: defineTriggers(exampleRelations, {
    todos: {
      afterUpdate: async ({ old, new: row }, ctx) => {
        if (row.title !== 't0' || old.done) return;
        await ctx.db.delete(todos).where(eq(todos.title, 't1'));
        await ctx.db.update(todos).set({ title: 't2 renamed' }).where(eq(todos.title, 't2'));
      },
    },
  }),
});

describe("'normal' migration whose hook writes later documents of the page", () => {
  it.each([10, 1])('batch size %i: the page reflects the hook writes', async (batchSize) => {
    const migration = defineMigration<DataModel>({
      id: '20260101_000000_done',
      up: { table: 'todos', writeMode: 'normal', migrateOne: async () => ({ done: true }) },
    });
    const backend = migrationBackend(defineMigrationSet([migration]), editingOrm as never);
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 5; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize });
    expect(run.progress[0]).toMatchObject({ status: 'completed', processed: 4, changed: 4 });
    expect((await storedTodos(backend.t)).map(({ title, done }) => [title, done])).toEqual([
      ['t0', true],
      ['t2 renamed', true],
      ['t3', true],
      ['t4', true],
    ]);
  });
});
