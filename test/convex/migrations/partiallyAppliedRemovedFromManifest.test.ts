import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { statusLines } from '../../../src/cli/format';
import { tagBFailingOnPoison, tagBFixed, tagTitles } from './fixtures';
import { migrationBackend, todos } from './harness';

/**
 * `migrate down` under a later migration that is partially applied is refused even when its file
 * left the manifest: a partially applied migration is "not applied", and migrations that are not
 * applied may be edited freely (removing its file is no drift), but its migration_state still says
 * partiallyApplied and its change still sits on part of the documents (A's down would walk
 * documents B half-rewrote: 't0 [a] [b]' keeps its '[a]'). The refusal looks among the state
 * records, says the file was removed and how to get out, and `migrate status` lists the migration.
 */
const a = tagTitles('20260101_000000_tag_a', '[a]');
const b = tagBFailingOnPoison;

describe('migrate down under a partially applied migration that was removed from the manifest', () => {
  it('is still refused (its change sits on part of the documents)', async () => {
    const backend = migrationBackend(defineMigrationSet([a]));
    await backend.t.run(async (ctx) => {
      for (const title of ['t0', 't1', 't2', 't3', 'poison']) await ctx.db.insert('todos', { title, done: false });
    });
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    backend.deploy(defineMigrationSet([a, b]));
    expect((await backend.run({ direction: 'up', batchSize: 2 })).status).toBe('failed');
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow('is partially applied');
    // Still in the manifest: pending, and marked partially applied.
    const inManifest = await backend.status();
    expect(inManifest).toMatchObject({ pending: [b.id], partiallyApplied: [b.id], removedPartiallyApplied: [] });
    expect(statusLines(inManifest)).toContain(
      '  ◑ 20260102_000000_tag_b  partially applied (its up committed batches and did not complete): `migrate up` finishes it (`migrate down` under it is refused)',
    );

    // B's file is deleted (it is not applied: no drift).
    backend.deploy(defineMigrationSet([a]));
    expect((await backend.status()).drift).toEqual([]);
    const outcome = await backend.start({ direction: 'down', steps: 1 }).then(
      async (result) => {
        if (result.status === 'running') await backend.wait(result.runId);
        return `ran: ${JSON.stringify((await todos(backend.t)).map((todo) => todo.title))}`;
      },
      (error: Error) => `refused: ${error.message.slice(0, 60)}`,
    );
    // Expected: refused, naming B. Actual: A's down runs under B's half-written titles.
    expect(outcome).toMatch(/^refused: /);
  });

  it('names it and its removed file, status lists it, and restoring it and finishing its up is the way out', async () => {
    const backend = migrationBackend(defineMigrationSet([a, b]));
    await backend.t.run(async (ctx) => {
      for (const title of ['t0', 't1', 't2', 't3', 'poison']) await ctx.db.insert('todos', { title, done: false });
    });
    expect((await backend.run({ direction: 'up', batchSize: 2 })).status).toBe('failed');
    backend.deploy(defineMigrationSet([a]));
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow(
      "Cannot roll back '20260101_000000_tag_a': the later migration '20260102_000000_tag_b' is partially applied (its up run committed batches and did not complete), so its change sits on part of the documents. Its file was removed from the manifest, its change was not: restore the file",
    );
    const status = await backend.status();
    expect(status).toMatchObject({ pending: [], partiallyApplied: [], removedPartiallyApplied: [b.id], drift: [] });
    expect(statusLines(status)).toContain(
      '  ◑ 20260102_000000_tag_b  its up committed batches and did not complete: restore its file and run `migrate up` (`migrate down` under it is refused)',
    );

    // Restored with the poison handled: its up completes, then both roll back.
    const fixedB = tagBFixed;
    backend.deploy(defineMigrationSet([a, fixedB]));
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    expect((await backend.status()).removedPartiallyApplied).toEqual([]);
    expect((await backend.run({ direction: 'down', steps: 2 })).status).toBe('completed');
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['t0', 't1', 't2', 't3', 'poison']);
  });
});
