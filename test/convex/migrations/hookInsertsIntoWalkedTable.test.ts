// A run's result does not depend on its batch size when a batch inserts into the table it walks
// (docs/migrations.md: "a batch gives the same result as batches of one document"). A 'normal'
// step's update fires the table's afterUpdate hook, which inserts a new row into the same table (a
// follow-up todo), ahead of the cursor. At batch size 1 a later batch walks and migrates it. At
// batch size 10 the one page holds every stored row and Convex answers it with a cursor at the end
// of the query, so the batch is retried with a page of exactly its documents, which ends at its last
// one, and the next batch walks the inserted row. The same for rows migrateOne inserts through
// ctx.orm or ctx.db.
import { createOrm, defineTriggers, type OrmWriter } from 'convex-orm';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { relations as exampleRelations, todos } from '../../../example/convex/schema';
import { migrationBackend, todos as storedTodos } from './harness';

const followUpOrm = createOrm({
  relations: exampleRelations,
  triggers: defineTriggers(exampleRelations, {
    todos: {
      afterUpdate: async ({ old, new: row }, ctx) => {
        if (row.title !== 't0' || old.done) return;
        await ctx.db.insert(todos).values({ title: 'follow-up', done: false });
      },
    },
  }),
});

const markDone = defineMigration<DataModel>({
  id: '20260101_000000_done',
  up: {
    table: 'todos',
    writeMode: 'normal',
    migrateOne: async (_ctx, doc) => (doc.done ? undefined : { done: true }),
  },
});

describe("a 'normal' step whose hook inserts into the migrated table", () => {
  it.each([1, 10])('batch size %i: the inserted row is migrated too, as at any batch size', async (batchSize) => {
    const backend = migrationBackend(defineMigrationSet([markDone]), followUpOrm as never);
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 5; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize });
    expect(run.status).toBe('completed');
    expect((await storedTodos(backend.t)).map(({ title, done }) => [title, done])).toEqual([
      ['t0', true],
      ['t1', true],
      ['t2', true],
      ['t3', true],
      ['t4', true],
      ['follow-up', true],
    ]);
    expect(run.progress[0]).toMatchObject({ processed: 6, changed: 6 });
  });
});

// A split step: migrateOne inserts the second half of each title as a row of its own (once), raw or
// through ctx.orm; the inserted rows are migrated too (their own title has no '|').
const splitWith = (via: 'raw' | 'orm') =>
  defineMigration<DataModel, OrmWriter<typeof exampleRelations>>({
    id: `20260101_000000_split_${via}`,
    up: {
      table: 'todos',
      migrateOne: async (ctx, doc) => {
        const [head, tail] = doc.title.split('|');
        if (tail === undefined) return doc.done ? undefined : { done: true };
        if (via === 'raw') await ctx.db.insert('todos', { title: tail, done: false });
        else await ctx.orm.insert(todos).values({ title: tail, done: false });
        return { title: head!, done: true };
      },
    },
  });

describe('a step whose migrateOne inserts into the table it walks', () => {
  it.each([
    ['raw', 1],
    ['raw', 10],
    ['orm', 3],
    ['orm', 10],
  ] as const)('through %s, batch size %i: the inserted rows are walked and migrated', async (via, batchSize) => {
    const backend = migrationBackend(defineMigrationSet([splitWith(via)]));
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 4; i++) await ctx.db.insert('todos', { title: `a${i}|b${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up', batchSize });
    expect(run.status).toBe('completed');
    const rows = (await storedTodos(backend.t)).map(({ title, done }) => [title, done]);
    expect(rows).toEqual([...[0, 1, 2, 3].map((i) => [`a${i}`, true]), ...[0, 1, 2, 3].map((i) => [`b${i}`, true])]);
    expect(run.progress[0]).toMatchObject({ processed: 8, changed: 8 });
  });
});
