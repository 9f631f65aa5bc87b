// Claim check (from a review that found no bug): docs/migrations.md "Soft-deleted rows are migrated too" (migrateOne is
// called for rows a scheduled delete marked, a 'normal' write updates them as well) and "How a run
// works" (every document migrated exactly once, live writes between batches). Here the hard-delete jobs
// of a deletion('scheduled', { delayMs: 60_000 }) table fall due while a migration walks that table
// (batches of 2): the jobs run between two batches and hard-delete soft-deleted tasks behind and ahead
// of the cursor. A migration's patch of a soft-deleted row leaves its deletion time, so the job still
// removes it (docs/mutations.md: a job deletes "the rows still soft-deleted at deletedAt"); every live
// task is migrated exactly once (a non-idempotent step), in both write modes; no job is scheduled again.

import { inArray } from 'convex-orm';
import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { orm } from '../../../example/convex/orm';
import { tasks } from '../../../example/convex/schema';
import { migrationBackend } from './harness';

const bang = (writeMode: WriteMode) =>
  defineMigration<any>({
    id: '20260101_000000_bang_tasks',
    up: { table: 'tasks', writeMode, batchSize: 2, migrateOne: async (_c: any, d: any) => ({ title: `${d.title}!` }) },
  });

describe('a migration over a scheduled-delete table whose hard deletes fall due mid-run', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  for (const writeMode of ['safe_bypass', 'normal'] as WriteMode[]) {
    it(`${writeMode}: deleted rows go, live rows are migrated once`, async () => {
      const backend = migrationBackend(defineMigrationSet([bang(writeMode)]));
      const ids = await backend.t.run(async (ctx) => {
        const projectId = await ctx.db.insert('projects', { name: 'p', taskCount: 0, deletedAt: null });
        const out = [];
        for (let i = 0; i < 8; i++)
          out.push(await ctx.db.insert('tasks', { projectId, title: `t${i}`, deletedAt: null }));
        return out;
      });
      // t1 (walked by the first batch) and t5 (ahead) are soft-deleted now; their hard delete is due in a minute.
      await backend.t.run((ctx) =>
        orm
          .db(ctx as never)
          .delete(tasks)
          .where(inArray(tasks._id, [ids[1]!, ids[5]!] as never)),
      );
      const started = await backend.start({ direction: 'up' });
      if (started.status !== 'running') throw new Error('not started');
      await backend.step(); // t0, t1
      await backend.step(); // t2, t3
      vi.advanceTimersByTime(60_000);
      await backend.t.finishInProgressScheduledFunctions();
      for (let i = 0; i < 6; i++) await backend.step();
      const run = (await backend.status(started.runId)).run!;
      expect({ status: run.status, error: run.lastError ?? null }).toEqual({ status: 'completed', error: null });
      const left = await backend.t.run(async (ctx) => (await ctx.db.query('tasks').collect()).map((t) => t.title));
      expect(left).toEqual(['t0!', 't2!', 't3!', 't4!', 't6!', 't7!']);
      const jobs = await backend.t.run(async (ctx) =>
        (await ctx.db.system.query('_scheduled_functions').collect()).filter((f) => !f.name.includes('Migrations')),
      );
      expect(jobs.map((job) => job.state.kind)).toEqual(['success']);
    });
  }
});
