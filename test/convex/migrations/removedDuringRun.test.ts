// Claim check (from a review that found no bug; no other test covers a migration removed mid-run).
// docs/migrations.md "Deploying during a run": "A deploy that removes the run's current migration from
// the manifest ... fails the run at its next batch with MIGRATION_CONFIG naming the migration." And
// "Failure": the run's later migrations "are marked `canceled` ... they stand where they stood, and the
// next run in that direction plans them again"; a removed migration whose up committed batches is
// listed as "Partially applied, missing from the manifest" (`removedPartiallyApplied`).
import { defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tagTitles } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

describe('a deploy removes the running migration from the manifest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fails the run naming it, cancels the later migration, and the next up runs only that one', async () => {
    const a = tagTitles('20260101_000000_a', '[a]');
    const b = tagTitles('20260102_000000_b', '[b]');
    const backend = migrationBackend(defineMigrationSet([a, b]));
    await seedTodos(backend.t, 6);
    const started = await backend.start({ direction: 'up', batchSize: 2 });
    if (started.status !== 'running') throw new Error('not started');
    await backend.step(); // a's first batch commits
    backend.deploy(defineMigrationSet([b]));
    await backend.step();
    const status = await backend.status(started.runId);
    const run = status.run!;
    expect(run.status).toBe('failed');
    expect(run.lastError).toContain(`Migration '${a.id}'`);
    expect(run.lastError).toContain('no longer in the manifest');
    // The run has failed by then: the advice is how to finish the migration, not to cancel the run.
    expect(run.lastError).toContain('put it back in the manifest, deploy and run `migrate up`');
    expect(run.progress).toEqual([
      expect.objectContaining({ migrationId: a.id, status: 'failed', processed: 2, changed: 2 }),
      expect.objectContaining({ migrationId: b.id, status: 'canceled', processed: 0 }),
    ]);
    expect(status.removedPartiallyApplied).toEqual([a.id]);
    expect(status.pending).toEqual([b.id]);
    // The first batch of a stays committed; nothing of the failed batch was written.
    expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
      'todo 0 [a]',
      'todo 1 [a]',
      'todo 2',
      'todo 3',
      'todo 4',
      'todo 5',
    ]);
    const next = await backend.start({ direction: 'up' });
    expect(next).toMatchObject({ status: 'running', migrationIds: [b.id], alreadyActive: false });
  });
});
