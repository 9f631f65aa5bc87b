// A dry run that fails or is canceled before its last migration reports the migrations it did not
// reach `canceled`, as the same run without --dry-run does (`pending` means queued in a run, and a
// run that ended queues nothing).
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it, vi } from 'vitest';
import { tagBFailingOnPoison, tagTitles } from './fixtures';
import { migrationBackend } from './harness';

const later = tagTitles('20260103_000000_tag_c', '[c]');

describe('a dry run that ends before its last migration', () => {
  it('failed: the migration it did not reach is canceled, as in the real run', async () => {
    const backend = migrationBackend(defineMigrationSet([tagBFailingOnPoison, later]));
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 'fine', done: false });
      await ctx.db.insert('todos', { title: 'poison', done: false });
    });
    const real = await backend.run({ direction: 'up' });
    expect(real.progress.map((item) => item.status)).toEqual(['failed', 'canceled']);

    const dry = await backend.run({ direction: 'up', dryRun: true });
    expect(dry.status).toBe('failed');
    expect(dry.progress.map((item) => item.status)).toEqual(['failed', 'canceled']);
  });

  it('canceled: the migration it did not reach is canceled', async () => {
    vi.useFakeTimers();
    try {
      const backend = migrationBackend(defineMigrationSet([tagBFailingOnPoison, later]));
      await backend.t.run((ctx) => ctx.db.insert('todos', { title: 'fine', done: false }));
      const started = await backend.start({ direction: 'up', dryRun: true });
      if (started.status !== 'running') throw new Error('not started');
      await backend.cancel();
      await backend.step();
      const run = (await backend.status(started.runId)).run!;
      expect(run.status).toBe('canceled');
      expect(run.progress.map((item) => item.status)).toEqual(['canceled', 'canceled']);
    } finally {
      vi.useRealTimers();
    }
  });
});
