import { migrationTester } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// docs/migrations.md: the tester runs the app's migrations "the way `migrate up` / `down` /
// `status` / `cancel` do on a deployment"; there, `up` or `down` while a run of another kind is
// active (a dry run, or an up when you ask for down) "starts nothing and exits 1 naming the
// active run". The tester follows whatever run is active and resolves with it as its own.
describe('migrationTester while a run of another kind is active', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('up() does not report an active dry run as the up it was asked for', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 'call mom', done: false });
    });
    const migrations = migrationTester(t, {
      functions: internal.migrations,
      advanceTimers: () => vi.advanceTimersByTime(0),
    });
    // A dry run started (and not yet drained) by the test itself, say through the run function.
    const dry = (await t.mutation(internal.migrations.run, { direction: 'up', dryRun: true })) as { runId: string };

    // Observed: resolves with the dry run ({ status: 'dry_run', dryRun: true }), nothing applied.
    await expect(migrations.up()).rejects.toMatchObject({
      code: 'MIGRATION_CONFIG',
      message: expect.stringContaining(
        `Run ${dry.runId} (a dry run of migrate up) is already active, so migrate up did not start`,
      ),
    });
    // The refusal drained nothing: the dry run is still the active run, and a dry up follows it.
    expect((await migrations.status()).activeRun).toMatchObject({ runId: dry.runId, status: 'running' });
    expect(await migrations.up({ dryRun: true })).toMatchObject({ runId: dry.runId, status: 'dry_run' });
  });
});
