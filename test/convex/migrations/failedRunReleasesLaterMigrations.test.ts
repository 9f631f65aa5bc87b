// A run that fails stops at the failing migration: the run's later migrations, queued `pending`
// when it started, are never reached. Like a canceled run's, they are marked `canceled` (the spec's
// `pending` means "queued in a run", and no run will take them), both on their state and in the
// run's progress; the next `up` plans them again. A run's record keeps saying so after a later run
// took those migrations over.
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it, vi } from 'vitest';
import { tagBFailingOnPoison, tagBFixed, tagTitles } from './fixtures';
import { migrationBackend } from './harness';

const later = tagTitles('20260103_000000_tag_c', '[c]');

describe('a failed run', () => {
  it('marks the migrations it did not reach canceled, and the next up runs them', async () => {
    const backend = migrationBackend(defineMigrationSet([tagBFailingOnPoison, later]));
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 'fine', done: false });
      await ctx.db.insert('todos', { title: 'poison', done: false });
    });

    const failed = await backend.run({ direction: 'up' });
    expect(failed.status).toBe('failed');
    expect(failed.progress.map((item) => [item.migrationId, item.status])).toEqual([
      [tagBFailingOnPoison.id, 'failed'],
      [later.id, 'canceled'],
    ]);
    const states = await backend.t.run((ctx) => ctx.db.query('migration_state').collect());
    expect(states.find((state) => state.migrationId === later.id)).toMatchObject({ status: 'canceled' });
    expect((await backend.status()).pending).toEqual([tagBFailingOnPoison.id, later.id]);

    backend.deploy(defineMigrationSet([tagBFixed, later]));
    const resumed = await backend.run({ direction: 'up' });
    expect(resumed.status).toBe('completed');
    expect(resumed.progress.map((item) => item.status)).toEqual(['completed', 'completed']);
    // The failed run's own record still says how it left them.
    expect((await backend.status(failed.runId)).run!.progress.map((item) => item.status)).toEqual([
      'failed',
      'canceled',
    ]);
  });

  it('a canceled run, too, keeps saying canceled for the migrations a later run took', async () => {
    vi.useFakeTimers();
    try {
      const backend = migrationBackend(defineMigrationSet([tagBFixed, later]));
      await backend.t.run((ctx) => ctx.db.insert('todos', { title: 'fine', done: false }));
      const started = await backend.start({ direction: 'up' });
      if (started.status !== 'running') throw new Error('not started');
      await backend.cancel();
      await backend.step();
      const canceledProgress = async () =>
        (await backend.status(started.runId)).run!.progress.map((item) => item.status);
      expect(await canceledProgress()).toEqual(['canceled', 'canceled']);

      const next = await backend.start({ direction: 'up' });
      if (next.status !== 'running') throw new Error('not started');
      for (let i = 0; i < 4; i++) await backend.step();
      expect((await backend.status(next.runId)).run!.status).toBe('completed');
      expect(await canceledProgress()).toEqual(['canceled', 'canceled']);
    } finally {
      vi.useRealTimers();
    }
  });
});
