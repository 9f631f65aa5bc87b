import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

/**
 * A dedupe migration: each todo deletes the other todos with its title (through migrateOne's
 * ctx.db) and marks itself. Walked one document per batch it keeps one todo per title. In a
 * batch of several, the page was read before the deletes: migrateOne is called on a document
 * an earlier document of the same batch already deleted.
 */
const dedupe = (writeMode: WriteMode) =>
  defineMigration<DataModel>({
    id: '20260101_000000_dedupe_titles',
    up: {
      table: 'todos',
      writeMode,
      migrateOne: async (ctx, doc) => {
        for (const other of await ctx.db.query('todos').collect()) {
          if (other._id !== doc._id && other.title === doc.title) await ctx.db.delete(other._id);
        }
        return { priority: 'low' };
      },
    },
  });

async function dedupeRun(writeMode: WriteMode, batchSize: number) {
  const backend = migrationBackend(defineMigrationSet([dedupe(writeMode)]));
  await backend.t.run(async (ctx) => {
    for (const title of ['a', 'b', 'a', 'c', 'b']) await ctx.db.insert('todos', { title, done: false });
  });
  const run = await backend.run({ direction: 'up', batchSize });
  return {
    status: run.status,
    lastError: run.lastError,
    processed: run.progress[0]!.processed,
    todos: (await todos(backend.t)).map((todo) => [todo.title, todo.priority]),
  };
}

describe('a migrateOne that deletes documents later in its own batch', () => {
  it.each<WriteMode>(['safe_bypass', 'normal'])(
    '%s: the deleted documents are not migrated, whatever the batch size (as one document per batch)',
    async (writeMode) => {
      const expected = {
        status: 'completed',
        lastError: null,
        processed: 3,
        todos: [
          ['a', 'low'],
          ['b', 'low'],
          ['c', 'low'],
        ],
      };
      // One document per batch: each page is read after the deletes of the batches before it.
      expect(await dedupeRun(writeMode, 1)).toEqual(expected);
      // One batch of all five: 'safe_bypass' fails on Convex's "Patch on non-existent document";
      // 'normal' calls migrateOne on the deleted duplicates, which delete the todos kept: only 'c' is left.
      expect(await dedupeRun(writeMode, 10)).toEqual(expected);
    },
  );

  it('gets a document later in the batch as migrateOne of an earlier one patched it, not as the page read it', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_mark_from_first',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              if (doc.title === 'first') {
                const second = (await ctx.db.query('todos').collect()).find((todo) => todo.title === 'second')!;
                await ctx.db.patch(second._id, { done: true });
              }
              return { priority: doc.done ? 'high' : 'low' };
            },
          },
        }),
      ]),
    );
    await backend.t.run(async (ctx) => {
      for (const title of ['first', 'second']) await ctx.db.insert('todos', { title, done: false });
    });
    expect((await backend.run({ direction: 'up', batchSize: 10 })).status).toBe('completed');
    // Observed: 'second' got 'low' (migrateOne saw done: false, the page's copy).
    expect((await todos(backend.t)).map((todo) => [todo.title, todo.done, todo.priority])).toEqual([
      ['first', false, 'low'],
      ['second', true, 'high'],
    ]);
  });
});
