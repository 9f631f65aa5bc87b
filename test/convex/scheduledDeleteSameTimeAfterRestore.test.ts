// A job knows a row's soft delete by its deletion time alone (docs/mutations.md "Soft and
// scheduled delete"): a row restored and then given back the same deletion time before the first
// soft delete's job ran is hard-deleted by that job, delayMs after the first soft delete rather
// than the second, as documented; a new time written on the second soft delete (what `delete`
// does, with the mutation's time) leaves it to its own job.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eq } from '../../src/index';
import { drainBackend, projects } from './drainFixture';

afterEach(() => vi.useRealTimers());

/** A project soft-deleted at t = 0 with time 5, restored at t = 100, soft-deleted again at t = 600 with `time`. */
async function restoredAndDeletedAgain(time: number) {
  vi.useFakeTimers();
  const b = drainBackend({});
  const { project: p } = await b.seed([]);
  const setDeletedAt = (deletedAt: number | null) =>
    b.t.run((ctx) => b.orm.db(ctx).update(projects).set({ deletedAt }).where(eq(projects._id, p)));
  await setDeletedAt(5);
  vi.advanceTimersByTime(100);
  await setDeletedAt(null);
  vi.advanceTimersByTime(500);
  await setDeletedAt(time);
  // t = 1000: the first soft delete's job runs.
  await b.step();
  const afterFirstJob = (await b.t.run((ctx: any) => ctx.db.get(p))) as { name: string } | null;
  // t = 1600: the second one's.
  await b.t.finishAllScheduledFunctions(vi.runAllTimers);
  return { afterFirstJob: afterFirstJob?.name ?? null, afterBoth: await b.t.run((ctx: any) => ctx.db.get(p)) };
}

describe('scheduled delete: a row restored, then soft-deleted again', () => {
  it('with the same time: the first job hard-deletes it (documented)', async () => {
    expect(await restoredAndDeletedAgain(5)).toEqual({ afterFirstJob: null, afterBoth: null });
  });

  it('with another time: the first job leaves it, the second deletes it', async () => {
    expect(await restoredAndDeletedAgain(600)).toEqual({ afterFirstJob: 'p', afterBoth: null });
  });
});
