// A 'normal' migration that soft-deletes rows of a deletion('scheduled') table: each write schedules
// the row's hard delete (docs/migrations.md "Testing migrations": "the hard deletes of a
// deletion('scheduled', { delayMs }) table whose rows a 'normal' migration soft-deleted"). docs/migrations.md
// "Batch size": a batch whose writes would pass the transaction budget part-way "is rolled back and
// retried with as many documents as fitted, and the migration goes on with that batch size". Scheduling
// is one of Convex's per-transaction limits (functionsScheduled); here the deployment schedules at most
// 20 functions per transaction and the batch is 50 documents: the run should shrink and complete.
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend } from './harness';

describe("'normal' soft deletes of a scheduled-delete table past the deployment's functionsScheduled", () => {
  it('the batch shrinks and the run completes, every task soft-deleted once', async () => {
    const archive = defineMigration<any>({
      id: '20260101_000000_archive_tasks',
      up: {
        table: 'tasks',
        writeMode: 'normal',
        migrateOne: async (_c: any, d: any) => (d.deletedAt == null ? { deletedAt: 7 } : undefined),
      },
    });
    const backend = migrationBackend(defineMigrationSet([archive]), orm as never, internalMutation, {
      functionsScheduled: 20,
    });
    await backend.t.run(async (ctx) => {
      const projectId = await ctx.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: null });
      for (let i = 0; i < 50; i++) await ctx.db.insert('tasks', { projectId, title: `t${i}`, deletedAt: null });
    });
    const run = await backend.run({ direction: 'up', batchSize: 50 });
    expect({ status: run.status, error: run.lastError }).toEqual({ status: 'completed', error: null });
    expect(run.progress[0]).toMatchObject({ processed: 50, changed: 50 });
    const deleted = await backend.t.run(
      async (ctx) => (await ctx.db.query('tasks').collect()).filter((t) => t.deletedAt === 7).length,
    );
    expect(deleted).toBe(50);
    // Each soft delete scheduled its hard delete (the run's own chunks aside).
    const scheduled = await backend.t.run(async (ctx) =>
      (await ctx.db.system.query('_scheduled_functions').collect()).map((f) => f.name),
    );
    expect(scheduled.filter((name) => !name.includes('runChunk')).length).toBe(50);
  });
});
