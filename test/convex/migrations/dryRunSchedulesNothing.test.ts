// Claim check (from a review that found no bug; no other test dry-runs a write that schedules work).
// docs/migrations.md step 3: the dry run "writes nothing: each batch makes its writes, as the run
// would ..., then is rolled back, with anything `migrateOne` wrote itself, and no migration state is
// recorded". A 'normal' step that soft-deletes rows of a deletion('scheduled') table schedules each
// row's hard delete (docs "Testing migrations"); in a dry run those must be rolled back with the batch:
// no hard delete may stay scheduled (it would delete live rows a minute later).
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { migrationBackend } from './harness';

describe("a dry run of a 'normal' soft delete on a scheduled-delete table", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts the changes, leaves the rows live and schedules no hard delete', async () => {
    const archive = defineMigration<any>({
      id: '20260101_000000_archive_tasks',
      up: {
        table: 'tasks',
        writeMode: 'normal',
        migrateOne: async (_c: any, d: any) => (d.deletedAt == null ? { deletedAt: 7 } : undefined),
      },
    });
    const backend = migrationBackend(defineMigrationSet([archive]));
    await backend.t.run(async (ctx) => {
      const projectId = await ctx.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: null });
      for (let i = 0; i < 5; i++) await ctx.db.insert('tasks', { projectId, title: `t${i}`, deletedAt: null });
    });
    const started = await backend.start({ direction: 'up', dryRun: true, batchSize: 2 });
    if (started.status !== 'running') throw new Error('not started');
    for (let i = 0; i < 4; i++) await backend.step();
    const run = (await backend.status(started.runId)).run!;
    expect(run.status).toBe('dry_run');
    expect(run.progress[0]).toMatchObject({ processed: 5, changed: 5 });
    const { live, scheduled } = await backend.t.run(async (ctx) => ({
      live: (await ctx.db.query('tasks').collect()).filter((t) => t.deletedAt === null).length,
      scheduled: (await ctx.db.system.query('_scheduled_functions').collect())
        .map((f) => f.name)
        .filter((name) => !name.startsWith('testMigrations:')),
    }));
    expect(live).toBe(5);
    expect(scheduled).toEqual([]);
  });
});
