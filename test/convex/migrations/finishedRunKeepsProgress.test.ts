// A finished run is history: once a later run queues its migration (a `down` right after the `up`,
// an `up` resuming a failed or canceled run) and takes over the migration's state, the finished
// run's view (`status().lastRun`, `status({ runId })`) still says what it did: its migration
// completed, with the documents it processed and changed, recorded on the run as its part ended.
import { defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { backfillPriority } from './fixtures';
import { migrationBackend, seedTodos } from './harness';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('a completed up run still reports its migration completed once a down run of it is queued', async () => {
  const backend = migrationBackend(defineMigrationSet([backfillPriority]));
  await seedTodos(backend.t, 6);
  const up = await backend.start({ direction: 'up' });
  if (up.status !== 'running') throw new Error('not started');
  await backend.step();
  const finished = (await backend.status(up.runId)).run!;
  expect(finished.status).toBe('completed');
  expect(finished.progress).toEqual([expect.objectContaining({ status: 'completed', processed: 6, changed: 3 })]);

  // The operator rolls it back: the down run is queued (no batch has run yet).
  const down = await backend.start({ direction: 'down' });
  if (down.status !== 'running') throw new Error('down not started');
  const status = await backend.status();
  expect(status.activeRun?.runId).toBe(down.runId);
  expect(status.lastRun?.runId).toBe(up.runId);
  expect(status.lastRun?.status).toBe('completed');
  expect(status.lastRun?.progress).toEqual([
    expect.objectContaining({ migrationId: backfillPriority.id, status: 'completed', processed: 6, changed: 3 }),
  ]);
});
