import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import type { RowChange } from '../../src/mutation/changes';
import { type ScheduledDeleteArgs, scheduleDeletes, scheduledTotals } from '../../src/mutation/scheduleDeletes';
import type { TableConfig } from '../../src/schema/table';

const table = {
  name: 'docs',
  deletion: { mode: 'scheduled', column: 'deletedAt', delayMs: 1000 },
} as unknown as TableConfig;
/** `n` rows soft-deleted at `at`. */
const softDeletes = (n: number, at = 5): RowChange[] =>
  Array.from({ length: n }, (_, i) => ({
    table,
    operation: 'update',
    id: `id${i}` as GenericId<string>,
    old: { _id: `id${i}`, deletedAt: null },
    new: { _id: `id${i}`, deletedAt: at },
    patch: { deletedAt: at },
  })) as unknown as RowChange[];

function recordingScheduler() {
  const jobs: ScheduledDeleteArgs[] = [];
  const scheduler = {
    runAfter: async (_ms: number, _fn: unknown, args: ScheduledDeleteArgs) => {
      jobs.push(args);
      return 'job';
    },
  };
  return { jobs, scheduling: { scheduler, scheduledDelete: 'deletions:scheduledDelete' } as never };
}

describe('scheduled hard deletes of a statement', () => {
  it('are one job per table and deletion time', async () => {
    const { jobs, scheduling } = recordingScheduler();
    const changes = [...softDeletes(3, 5), ...softDeletes(2, 6)];
    expect(scheduledTotals(scheduling, changes).functionsScheduled).toBe(2);
    await scheduleDeletes(scheduling, changes, null);
    expect(jobs.map((job) => [job.deletedAt, job.ids.length])).toEqual([
      [5, 3],
      [6, 2],
    ]);
  });

  it("split past Convex's 8,192 elements of an array, and count each job and its arguments' bytes", async () => {
    const { jobs, scheduling } = recordingScheduler();
    const changes = softDeletes(8_193);
    const totals = scheduledTotals(scheduling, changes);
    await scheduleDeletes(scheduling, changes, null);
    expect(jobs.map((job) => job.ids.length)).toEqual([8_192, 1]);
    expect(jobs.flatMap((job) => job.ids)).toEqual(changes.map((change) => change.id));
    expect(totals.functionsScheduled).toBe(2);
    // Each id is a string of 3-7 characters here: more than 8,193 ids' worth of bytes, less than 16 per id.
    expect(totals.scheduledFunctionArgsBytes).toBeGreaterThan(8_193 * 5);
    expect(totals.scheduledFunctionArgsBytes).toBeLessThan(8_193 * 16);
  });

  it('count nothing without scheduling wired or without scheduled deletes', () => {
    const { scheduling } = recordingScheduler();
    expect(scheduledTotals(null, softDeletes(3))).toEqual({ functionsScheduled: 0, scheduledFunctionArgsBytes: 0 });
    expect(scheduledTotals(scheduling, [])).toEqual({ functionsScheduled: 0, scheduledFunctionArgsBytes: 0 });
  });
});
