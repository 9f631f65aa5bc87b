import type { OrmWriter } from 'convex-orm';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import type { relations } from '../../../example/convex/schema';
import { migrationBackend, todos } from './harness';

describe('a step limited to an index range', () => {
  it('walks only the documents in the range, in batches', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_prioritize_open_todos',
          up: {
            table: 'todos',
            range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
            migrateOne: async (_ctx, doc) => ({ priority: doc.done ? 'low' : 'high' }),
          },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 9; i++) await ctx.db.insert('todos', { title: `todo ${i}`, done: i % 3 === 0 });
    });
    const run = await backend.run({ direction: 'up', batchSize: 2 });
    expect(run).toMatchObject({ status: 'completed', chunks: 3 });
    expect(run.progress[0]).toMatchObject({ processed: 6, changed: 6 });
    expect((await todos(backend.t)).map((todo) => todo.priority ?? '-').join(' ')).toBe(
      '- high high - high high - high high',
    );
  });

  it('walks a descending range (.order("desc")) newest first, each document once', async () => {
    const seen: string[] = [];
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_newest_first',
          up: {
            table: 'todos',
            range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)).order('desc'),
            migrateOne: async (_ctx, doc) => {
              seen.push(doc.title);
              return { title: `${doc.title}!` };
            },
          },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('todos', { title: `${i}`, done: i % 5 === 0 || i === 3 });
    });
    const run = await backend.run({ direction: 'up', batchSize: 2 });
    expect(run.progress[0]).toMatchObject({ processed: 7, changed: 7 });
    expect(seen).toEqual(['9', '8', '7', '6', '4', '2', '1']);
    expect((await todos(backend.t)).map((todo) => todo.title).join(' ')).toBe('0 1! 2! 3 4! 5 6! 7! 8! 9!');
  });

  it('handles a patch that moves documents out of the range (only documents that need work)', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_close_all',
          up: {
            table: 'todos',
            range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
            migrateOne: async () => ({ done: true }),
          },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 7; i++) await ctx.db.insert('todos', { title: `todo ${i}`, done: i === 3 });
    });
    const run = await backend.run({ direction: 'up', batchSize: 2 });
    expect(run.progress[0]).toMatchObject({ processed: 6, changed: 6 });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
  });

  it("a migrateOne that reads an ORM page runs: the batch took the function's one .paginate(), the page goes by index keys", async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel, OrmWriter<typeof relations>>({
          id: '20260101_000000_count_open_before',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              // One range, no residual: Convex's own .paginate() if the function had not used it.
              const open = await ctx.orm.query.todos.paginate(
                { numItems: 2, cursor: null },
                { where: { done: false } },
              );
              return { priority: open.page.some((todo) => todo._id === doc._id) ? 'high' : 'low' };
            },
          },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 4; i++) await ctx.db.insert('todos', { title: `todo ${i}`, done: i === 0 });
    });
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    expect(run).toMatchObject({ status: 'completed' });
    expect((await todos(backend.t)).map((todo) => todo.priority).join(' ')).toBe('low high high low');
  });
});
