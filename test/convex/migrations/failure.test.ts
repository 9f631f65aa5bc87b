import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { countOf, migrationBackend, seedTodos, todos } from './harness';

/** Appends "!" to each title and records a side effect (a `groups` row) per call. */
function exclaim(isPoison: (title: string) => boolean) {
  return defineMigration<DataModel>({
    id: '20260101_000000_exclaim_titles',
    up: {
      table: 'todos',
      migrateOne: async (ctx, doc) => {
        await ctx.db.insert('groups', { name: `side effect ${doc._id}` });
        if (isPoison(doc.title)) throw new Error(`cannot migrate "${doc.title}"`);
        return { title: `${doc.title}!` };
      },
    },
  });
}

describe('a migrateOne that throws in the middle of a batch', () => {
  it('rolls the batch back, names the document, and a resumed run migrates every document exactly once', async () => {
    let poisoned = true;
    const backend = migrationBackend(defineMigrationSet([exclaim((title) => poisoned && title === 'todo 5')]));
    await seedTodos(backend.t, 10);
    const poison = (await todos(backend.t))[5]!;

    const failed = await backend.run({ direction: 'up', batchSize: 4 });
    expect(failed.status).toBe('failed');
    expect(failed.lastErrorDocumentId).toBe(poison._id);
    expect(failed.lastError).toContain(`failed on document ${poison._id} of table "todos": cannot migrate "todo 5"`);
    expect(failed.progress).toEqual([
      expect.objectContaining({ status: 'failed', processed: 4, changed: 4, lastErrorDocumentId: poison._id }),
    ]);
    // Batch 1 (todos 0-3) committed; batch 2 (todo 4 ran before the poison) left nothing.
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
      'todo 0!',
      'todo 1!',
      'todo 2!',
      'todo 3!',
      'todo 4',
      'todo 5',
      'todo 6',
      'todo 7',
      'todo 8',
      'todo 9',
    ]);
    expect(await countOf(backend.t, 'groups')).toBe(4);
    const status = await backend.status();
    expect(status.failures[0]).toMatchObject({ runId: failed.runId, documentId: poison._id });
    expect(status.pending).toEqual(['20260101_000000_exclaim_titles']);

    poisoned = false;
    const resumed = await backend.run({ direction: 'up', batchSize: 4 });
    expect(resumed.status).toBe('completed');
    expect(resumed.progress[0]).toMatchObject({ status: 'completed', processed: 10, changed: 10 });
    // The failed run, whose migration's state the resumed run took over, still says what it did.
    expect((await backend.status(failed.runId)).run!.progress).toEqual([
      expect.objectContaining({ status: 'failed', processed: 4, changed: 4 }),
    ]);
    expect((await todos(backend.t)).every((todo) => /^todo \d!$/.test(todo.title))).toBe(true);
    expect(await countOf(backend.t, 'groups')).toBe(10);
    expect((await backend.status()).applied.map((item) => item.migrationId)).toEqual([
      '20260101_000000_exclaim_titles',
    ]);
  });

  it('fails a dry run the same way without touching migration state', async () => {
    const backend = migrationBackend(defineMigrationSet([exclaim((title) => title === 'todo 2')]));
    await seedTodos(backend.t, 4);
    const failed = await backend.run({ direction: 'up', dryRun: true });
    expect(failed.status).toBe('failed');
    expect(failed.lastErrorDocumentId).toBe((await todos(backend.t))[2]!._id);
    expect(await countOf(backend.t, 'groups')).toBe(0);
    expect(await backend.t.run((ctx) => ctx.db.query('migration_state').collect())).toEqual([]);
  });
});
