import { defineMigration, defineMigrationSet, type Migration } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { statusLines } from '../../../src/cli/format';
import { tagTitles } from './fixtures';
import { migrationBackend, todos } from './harness';

/**
 * `migrate down` under a later migration that is partially reverted (its down committed batches,
 * then failed) is refused when its file left the manifest, as under a partially applied one: a
 * partially reverted migration is not applied, so removing its file is no drift, but its change
 * still sits on the documents its down did not reach (A's down would walk them: 'poison [a] [b]'
 * keeps its '[a]'). The refusal names it and the way out, and `migrate status` lists it. With its
 * file there, the down plans it first (it resumes its revert), so nothing is refused.
 */
const a = tagTitles('20260101_000000_tag_a', '[a]');
/** Appends ' [b]'; its down strips it and throws on a title starting with 'poison'. */
const b: Migration = defineMigration<DataModel>({
  id: '20260102_000000_tag_b',
  up: { table: 'todos', migrateOne: (_ctx, doc) => ({ title: `${doc.title} [b]` }) },
  down: {
    table: 'todos',
    migrateOne: (_ctx, doc) => {
      if (doc.title.startsWith('poison')) throw new Error('cannot revert this one');
      return doc.title.endsWith(' [b]') ? { title: doc.title.slice(0, -4) } : undefined;
    },
  },
});
const titles = ['t0', 't1', 't2', 't3', 'poison'];

async function partiallyReverted() {
  const backend = migrationBackend(defineMigrationSet([a, b]));
  await backend.t.run(async (ctx) => {
    for (const title of titles) await ctx.db.insert('todos', { title, done: false });
  });
  expect((await backend.run({ direction: 'up' })).status).toBe('completed');
  // B's down commits two batches, then fails on 'poison'.
  expect((await backend.run({ direction: 'down', steps: 1, batchSize: 2 })).status).toBe('failed');
  expect((await backend.status()).partiallyReverted).toEqual([
    expect.objectContaining({ migrationId: b.id, status: 'failed' }),
  ]);
  return backend;
}

describe('migrate down under a partially reverted migration removed from the manifest', () => {
  it('is refused naming it, status lists it, and restoring its file and finishing its revert is the way out', async () => {
    const backend = await partiallyReverted();
    backend.deploy(defineMigrationSet([a]));
    expect((await backend.status()).drift).toEqual([]);
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow(
      "Cannot roll back '20260101_000000_tag_a': the later migration '20260102_000000_tag_b' is partially reverted (its down run committed batches and did not complete), so its change sits on the documents its down did not reach. Its file was removed from the manifest, its change was not: restore the file and finish it first",
    );
    expect((await todos(backend.t)).map((todo) => todo.title)).toContain('poison [a] [b]');
    const status = await backend.status();
    expect(status).toMatchObject({
      partiallyReverted: [],
      removedPartiallyReverted: [b.id],
      removedPartiallyApplied: [],
    });
    expect(statusLines(status)).toContain(
      '  ◐ 20260102_000000_tag_b  its down committed batches and did not complete: restore its file and finish the revert with `migrate down` or re-apply it with `migrate up` (`migrate down` under it is refused)',
    );

    // Restored with a down that reverts every title: the revert finishes, then A's.
    backend.deploy(defineMigrationSet([a, tagTitles(b.id, '[b]')]));
    expect((await backend.status()).removedPartiallyReverted).toEqual([]);
    expect((await backend.run({ direction: 'down', steps: 2 })).status).toBe('completed');
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(titles);
  });

  it('with its file in the manifest, the down resumes its revert first (nothing to refuse)', async () => {
    const backend = await partiallyReverted();
    expect((await backend.status()).removedPartiallyReverted).toEqual([]);
    backend.deploy(defineMigrationSet([a, tagTitles(b.id, '[b]')]));
    expect((await backend.run({ direction: 'down', steps: 2 })).status).toBe('completed');
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(titles);
  });
});
