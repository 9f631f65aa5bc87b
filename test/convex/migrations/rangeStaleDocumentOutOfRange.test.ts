import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

/**
 * docs/migrations.md ("Documents a batch wrote itself") promises a batch gives the same
 * result as batches of one document. A step with a `range` walks only the documents in the range:
 * walked one document per batch, a document that an earlier migrateOne took out of the range
 * (closed as a duplicate) is never visited. A batch of several ends before the first document its
 * own writes changed (rolled back and retried with a shorter page), and the next batch's page
 * decides whether it is still in the range: the same result, for one batch more.
 */
const closeDuplicates = (writeMode: WriteMode) =>
  defineMigration<DataModel>({
    id: '20260101_000000_close_duplicate_open_todos',
    up: {
      table: 'todos',
      writeMode,
      // Only open todos need work.
      range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
      migrateOne: async (ctx, doc) => {
        // Close the other open todos with this title (duplicates): they leave the range.
        const open = await ctx.db
          .query('todos')
          .withIndex('by_done', (r) => r.eq('done', false))
          .collect();
        for (const other of open) {
          if (other._id !== doc._id && other.title === doc.title) await ctx.db.patch(other._id, { done: true });
        }
        return { priority: 'high' };
      },
    },
  });

async function closeRun(writeMode: WriteMode, batchSize: number) {
  const backend = migrationBackend(defineMigrationSet([closeDuplicates(writeMode)]));
  await backend.t.run(async (ctx) => {
    for (const title of ['a', 'b', 'a', 'c', 'b']) await ctx.db.insert('todos', { title, done: false });
  });
  const run = await backend.run({ direction: 'up', batchSize });
  return {
    status: run.status,
    chunks: run.chunks,
    processed: run.progress[0]!.processed,
    todos: (await todos(backend.t)).map((todo) => [todo.title, todo.done, todo.priority ?? null]),
  };
}

describe('a range step whose migrateOne takes later documents of the page out of the range', () => {
  it.each<WriteMode>(['safe_bypass', 'normal'])(
    '%s: a batch of several gives the result of batches of one (documents that left the range are not migrated)',
    async (writeMode) => {
      const expected = (chunks: number) => ({
        status: 'completed',
        chunks,
        processed: 3,
        todos: [
          ['a', false, 'high'],
          ['b', false, 'high'],
          ['a', true, null],
          ['c', false, 'high'],
          ['b', true, null],
        ],
      });
      // One document per batch: each page is read after the batches before closed the duplicates
      // (a, b, c).
      expect(await closeRun(writeMode, 1)).toEqual(expected(3));
      // One batch of all five: it ends at the first closed duplicate (the third document) and is
      // retried with a page of two (a, b); the next page holds c only. Before the fix it passed the
      // closed duplicates to migrateOne (processed 5, priority 'high').
      expect(await closeRun(writeMode, 10)).toEqual(expected(3));
    },
  );

  it('a batch whose writes changed no later document of its page is not retried', async () => {
    // migrateOne writes (a closed todo, out of the range), so the later documents are read again:
    // unchanged, they are migrated in the same batch.
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_count_on_closed',
          up: {
            table: 'todos',
            range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
            migrateOne: async (ctx) => {
              const closed = await ctx.db
                .query('todos')
                .withIndex('by_done', (r) => r.eq('done', true))
                .first();
              await ctx.db.patch(closed!._id, { title: `${closed!.title}+` });
              return { priority: 'low' };
            },
          },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      for (const done of [true, false, false, false]) await ctx.db.insert('todos', { title: 't', done });
    });
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    expect({ status: run.status, chunks: run.chunks, processed: run.progress[0]!.processed }).toEqual({
      status: 'completed',
      chunks: 1,
      processed: 3,
    });
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['t+++', 't', 't', 't']);
  });
});
