// A failure recorded late (by a chunk of its own, when the failing chunk could not: failRun) marks
// the run failed, and its migration's state only while that state is still the run's: once a later
// run has taken the migration, its state is the later run's to report.

import { makeFunctionReference } from 'convex/server';
import { defineMigrationSet } from 'convex-orm/migrations';
import { expect, it } from 'vitest';
import { tagTitles } from './fixtures';
import { migrationBackend, TEST_MODULE } from './harness';

it("a late failure of a run leaves a later run's state of the migration as it is", async () => {
  const migration = tagTitles('20260101_000000_tag_a', '[a]');
  const backend = migrationBackend(defineMigrationSet([migration]));
  await backend.t.run((ctx) => ctx.db.insert('todos', { title: 'fine', done: false }));
  const earlier = await backend.run({ direction: 'up' });
  expect(earlier.status).toBe('completed');
  // The run failed (its failure recorded once already), and the state now belongs to another run
  // (as a later run's queueing leaves it).
  await backend.t.run(async (ctx) => {
    const run = (await ctx.db.query('migration_run').first())!;
    await ctx.db.patch(run._id, { status: 'failed' });
    const state = (await ctx.db.query('migration_state').first())!;
    await ctx.db.patch(state._id, { runId: 'mr_later', status: 'running' });
  });
  const runChunk = makeFunctionReference<'mutation'>(`${TEST_MODULE}:runChunk`);
  await backend.t.mutation(runChunk, {
    runId: earlier.runId,
    failure: { lastError: 'boom' },
  });
  const state = await backend.t.run(async (ctx) => (await ctx.db.query('migration_state').first())!);
  expect(state).toMatchObject({ runId: 'mr_later', status: 'running' });
  expect(state.lastError).toBeUndefined();
  expect((await backend.status(earlier.runId)).run).toMatchObject({ status: 'failed', lastError: 'boom' });
});
