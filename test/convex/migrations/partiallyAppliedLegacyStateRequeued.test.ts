import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { tagBFailingOnPoison, tagTitles } from './fixtures';
import { migrationBackend, todos } from './harness';

/**
 * `migrate down` under a later migration that is partially applied is refused. A state written
 * before `partiallyApplied` was recorded (an up that committed batches and failed) is judged by its
 * cursor (`direction === 'up' && cursor != null`), which queueing the edited migration again (the
 * fix the refusal tells the user to make) resets: queueing writes the state's standing first, so a
 * re-run that fails (or is canceled) before its first batch commits leaves it partially applied,
 * and the down under it (which would leave 't0 [a] [b]' unreverted and apply A twice on the next
 * up) is still refused.
 */
const a = tagTitles('20260101_000000_tag_a', '[a]');
const b = tagBFailingOnPoison;
/** B edited, still failing on 'poison' (a first attempt at the fix): its checksum differs, so its run restarts. */
const editedB = defineMigration<DataModel>({
  id: b.id,
  up: {
    table: 'todos',
    migrateOne: async (_ctx, doc) => {
      if (doc.title.startsWith('poison')) throw new Error('b still cannot migrate this one (edited)');
      return doc.title.endsWith(' [b]') ? undefined : { title: `${doc.title} [b]` };
    },
  },
  down: b.down as never,
});

describe('a partially applied migration whose state predates `partiallyApplied`, queued again after an edit', () => {
  it('still blocks migrate down of the migration under it after a re-run that committed nothing', async () => {
    const backend = migrationBackend(defineMigrationSet([a]));
    await backend.t.run(async (ctx) => {
      for (const title of ['t0', 't1', 't2', 't3', 'poison']) await ctx.db.insert('todos', { title, done: false });
    });
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    backend.deploy(defineMigrationSet([a, b]));
    expect((await backend.run({ direction: 'up', batchSize: 2 })).status).toBe('failed');
    // As the ORM before 3606136 left it: the field absent (its cursor says B committed batches).
    await backend.t.run(async (ctx) => {
      const state = await ctx.db
        .query('migration_state' as any)
        .filter((q) => q.eq(q.field('migrationId'), b.id))
        .unique();
      expect(state!.cursor).not.toBeNull();
      await ctx.db.patch(state!._id, { partiallyApplied: undefined } as never);
    });
    // Still refused here (the cursor fallback).
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow('is partially applied');

    // The user edits B and runs up; the first batch (all five documents) fails on 'poison', nothing commits.
    backend.deploy(defineMigrationSet([a, editedB]));
    expect((await backend.run({ direction: 'up', batchSize: 10 })).status).toBe('failed');
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
      't0 [a] [b]',
      't1 [a] [b]',
      't2 [a] [b]',
      't3 [a] [b]',
      'poison [a]',
    ]);

    // B's change still sits on four documents: rolling A back under it must still be refused.
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow(
      "Cannot roll back '20260101_000000_tag_a': the later migration '20260102_000000_tag_b' is partially applied",
    );
  });
});
