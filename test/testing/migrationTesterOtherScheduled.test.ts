import { anyApi } from 'convex/server';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { migrationTester } from 'convex-orm/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../example/convex/_generated/dataModel';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';

// docs/migrations.md: "each call starts the run and drains its scheduled chunks, then resolves
// with the finished run". `up()` drains every scheduled function of the deployment instead,
// advancing fake time through all of them: a 'normal' migration that soft-deletes tasks
// (deletion('scheduled', { delayMs: 60_000 })) returns with the tasks already hard-deleted, as
// they would be only a minute after `migrate up` on a deployment; the app's own functions
// scheduled for later (a reminder tomorrow) run inside `up()` too.
describe('migrationTester drains the run, not every scheduled function', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const archiveTasks = () =>
    migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_archive_tasks',
          up: {
            table: 'tasks',
            writeMode: 'normal',
            migrateOne: async (_ctx, doc) => (doc.deletedAt == null ? { deletedAt: Date.now() } : undefined),
          },
        }),
      ]),
    );

  async function seedTasks(backend: ReturnType<typeof migrationBackend>): Promise<void> {
    await backend.t.run(async (ctx) => {
      const projectId = await ctx.db.insert('projects', { name: 'p', taskCount: 0 });
      for (let i = 0; i < 3; i++) await ctx.db.insert('tasks', { projectId, title: `t${i}` });
    });
  }

  const deletedFlags = (backend: ReturnType<typeof migrationBackend>) =>
    backend.t.run(async (ctx) => (await ctx.db.query('tasks').collect()).map((task) => task.deletedAt != null));

  it("a 'normal' migration that soft-deletes scheduled-delete tasks: after up(), they are soft-deleted, not gone", async () => {
    const backend = archiveTasks();
    await seedTasks(backend);
    const migrations = migrationTester(backend.t, {
      functions: (anyApi as any)[TEST_MODULE],
      advanceTimers: vi.runAllTimers,
    });
    expect(await migrations.up()).toMatchObject({ status: 'completed' });
    expect(await deletedFlags(backend)).toEqual([true, true, true]);
  });

  it('over several chunks, firing the timers due now (as documented): the hard deletes stay pending until their time', async () => {
    const backend = archiveTasks();
    await seedTasks(backend);
    const migrations = migrationTester(backend.t, {
      functions: (anyApi as any)[TEST_MODULE],
      advanceTimers: () => vi.advanceTimersByTime(0),
    });
    expect(await migrations.up({ batchSize: 1 })).toMatchObject({ status: 'completed', chunks: 3 });
    expect(await deletedFlags(backend)).toEqual([true, true, true]);
    // A minute later the deployment hard-deletes them.
    await backend.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await deletedFlags(backend)).toEqual([]);
  });
});
