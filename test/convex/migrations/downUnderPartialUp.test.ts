import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { tagBFailingOnPoison, tagBFixed, tagTitles } from './fixtures';
import { migrationBackend, todos } from './harness';

/**
 * `migrate down` under a later migration whose up committed batches and failed is refused with
 * MIGRATION_CONFIG naming it. Migrations are a stack: B (later) is not applied (status lists it as
 * pending) but half of its documents carry its change; reverting A underneath it would walk
 * documents B half-rewrote (B appends to the title A tagged, so A's down would not find its tag
 * there) and the next `migrate up` would apply A again over them ('t0 [a] [b] [a]'). The way out
 * the error gives is followed to the end: finish B's up, then roll back both.
 */
const a = tagTitles('20260101_000000_tag_a', '[a]');
const b = tagBFailingOnPoison;

/** B with its up fixed: it no longer throws on 'poison'. */
const fixedB = tagBFixed;

describe('migrate down while a later migration is partially applied (its up failed after committing batches)', () => {
  it('refuses, naming the partially applied migration; finishing its up lets both roll back', async () => {
    const backend = migrationBackend(defineMigrationSet([a]));
    await backend.t.run(async (ctx) => {
      for (const title of ['t0', 't1', 't2', 't3', 'poison']) await ctx.db.insert('todos', { title, done: false });
    });
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    backend.deploy(defineMigrationSet([a, b]));
    const failed = await backend.run({ direction: 'up', batchSize: 2 });
    expect(failed.status).toBe('failed');
    // B committed two batches: t0..t3 carry B's change.
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
      't0 [a] [b]',
      't1 [a] [b]',
      't2 [a] [b]',
      't3 [a] [b]',
      'poison [a]',
    ]);
    expect((await backend.status()).pending).toEqual(['20260102_000000_tag_b']);

    const titles = await todos(backend.t);
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow(
      "Cannot roll back '20260101_000000_tag_a': the later migration '20260102_000000_tag_b' is partially applied",
    );
    await expect(backend.start({ direction: 'down', steps: 1 })).rejects.toThrow('run `migrate up`');
    // Nothing ran: the data and the standing are as the failed up left them.
    expect(await todos(backend.t)).toEqual(titles);
    expect(await backend.status()).toMatchObject({
      applied: [{ migrationId: '20260101_000000_tag_a' }],
      pending: [b.id],
    });

    // What the error says to do: fix B's up (not applied, so editable), finish it, roll back both.
    backend.deploy(defineMigrationSet([a, fixedB]));
    expect((await backend.run({ direction: 'up' })).status).toBe('completed');
    expect((await backend.run({ direction: 'down', steps: 2 })).status).toBe('completed');
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['t0', 't1', 't2', 't3', 'poison']);
  });
});
