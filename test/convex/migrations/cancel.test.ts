import { defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backfillPriority } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

describe('cancel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops a run after its current batch; the next up resumes from the committed cursor', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 40);
    const started = await backend.start({ direction: 'up', batchSize: 8 });
    if (started.status !== 'running') throw new Error('not started');
    await backend.step();
    await backend.step();
    expect(await backend.cancel()).toEqual({ status: 'cancel_requested', runId: started.runId });
    expect((await backend.status()).activeRun?.cancelRequested).toBe(true);
    await backend.step();

    const canceled = (await backend.status(started.runId)).run!;
    expect(canceled).toMatchObject({ status: 'canceled', chunks: 2 });
    expect(canceled.progress).toEqual([expect.objectContaining({ status: 'canceled', processed: 16, changed: 8 })]);
    const rows = await todos(backend.t);
    expect(rows.slice(0, 16).every((todo) => todo.priority != null)).toBe(true);
    expect(rows.slice(16).filter((todo) => todo.priority == null)).toHaveLength(12);
    expect((await backend.status()).activeRun).toBeNull();

    const resumed = await backend.start({ direction: 'up', batchSize: 8 });
    if (resumed.status !== 'running') throw new Error('not resumed');
    for (let i = 0; i < 3; i++) await backend.step();
    const done = (await backend.status(resumed.runId)).run!;
    expect(done).toMatchObject({ status: 'completed', chunks: 3 });
    expect(done.progress[0]).toMatchObject({ processed: 40, changed: 20 });
    expect((await todos(backend.t)).every((todo) => todo.priority != null)).toBe(true);
  });

  it('cancels at once when no chunk is alive to see the request', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 4);
    const started = await backend.start({ direction: 'up' });
    if (started.status !== 'running') throw new Error('not started');
    await backend.t.run(async (ctx) => {
      const run = await ctx.db.query('migration_run').first();
      await ctx.scheduler.cancel(run!.workerId!);
    });
    expect(await backend.cancel()).toEqual({ status: 'canceled', runId: started.runId });
    expect((await backend.status(started.runId)).run?.status).toBe('canceled');
    expect(await backend.cancel()).toEqual({ status: 'noop', reason: 'no active run' });
  });

  it('allows one active run: a second up (or down) returns it', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 4);
    const first = await backend.start({ direction: 'up' });
    const second = await backend.start({ direction: 'up' });
    const down = await backend.start({ direction: 'down' });
    expect(first).toMatchObject({ status: 'running', alreadyActive: false });
    expect(second).toEqual({ ...first, alreadyActive: true });
    expect(down).toEqual({ ...first, alreadyActive: true });
    expect((await backend.status()).activeRun).toMatchObject({
      status: 'running',
      progress: [{ migrationId: backfillPriority.id, status: 'pending', processed: 0 }],
    });
    await backend.step();
    expect((await backend.status()).activeRun).toBeNull();
    expect(await backend.start({ direction: 'up' })).toEqual({ status: 'noop', reason: 'every migration is applied' });
  });
});
