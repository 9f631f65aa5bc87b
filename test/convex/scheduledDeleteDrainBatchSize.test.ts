import { afterEach, describe, expect, it, vi } from 'vitest';
import { DRAIN_WAIT } from '../../src/deletion/drain';
import { defineTriggers, eq } from '../../src/index';
import { drainBackend, projects, relations } from './drainFixture';

// The drain's batch after a batch did not fit: halved, then doubled back after each batch that fits,
// but up to the size that did not fit only after DRAIN_WAIT batches below it fitted. Doubling back at
// once made a drain of alike rows fail every other job (a job that fails deletes nothing).

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Runs the scheduled delete of a project whose tasks hold `commentsPerTask` comments,
 * `documentsWritten` a job; returns how many tasks and comments each job deleted together (0: nothing).
 */
async function drainJobs(commentsPerTask: number[], documentsWritten = 6) {
  vi.useFakeTimers();
  let deleted = [0, 0];
  const triggers = defineTriggers(relations, {
    tasks: { afterDelete: () => void deleted[0]!++ },
    comments: { afterDelete: () => void deleted[1]!++ },
  });
  const { t, orm, seed, left, step } = drainBackend({ documentsWritten, triggers });
  const { project } = await seed(commentsPerTask);
  await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
  const jobs: number[][] = [];
  for (let job = 0; job < 80 && (await left()).projects.length > 0; job++) {
    deleted = [0, 0];
    await step();
    jobs.push(deleted);
  }
  const rest = await left();
  expect(rest).toMatchObject({ projects: [], tasks: [], comments: 0 });
  expect(rest.jobs.every((state) => state === 'success')).toBe(true);
  return jobs.map(([tasks, comments]) => tasks! + comments!);
}

describe('the drain batch after one that did not fit', () => {
  it('alike rows: stays below the size that did not fit for DRAIN_WAIT batches, then tries it once', async () => {
    // 3 tasks fit a job (a task and its comment: 2 writes). The job hands on (61 writes); [30]
    // (2,048 asked), [15], [8] and [4] tasks do not fit; [2] does, DRAIN_WAIT times more, then [4]
    // is tried again (a job that deletes nothing), then [2] again. Doubling back at once made every
    // other job after the first fit one that deletes nothing.
    const deleted = await drainJobs(Array(30).fill(1));
    expect(deleted).toEqual([0, 0, 0, 0, 0, ...Array(DRAIN_WAIT + 1).fill(4), 0, ...Array(6).fill(4), 0]);
  });

  it('unlike rows: after going down into the task whose cascade alone does not fit, the batch grows back', async () => {
    // t0 and its 8 comments (9 writes) do not fit, whatever the batch: the batches halve down to
    // [t0], the drain goes down into it (its comments 4 a job), deletes it, and the batch of tasks
    // forgets the sizes that failed because of t0: 1, 2, 4, then [8] does not fit, [4] from then on.
    const deleted = await drainJobs([8, ...Array(30).fill(0)]);
    expect(deleted).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 1, 1, 2, 4, 0, 4, 4, 4, 4, 4, 3, 0]);
  });

  it('unlike rows: tasks with comments first, then many without: the batch grows back after the wait', async () => {
    // [64] down to [2] do not fit (4 tasks of 3 writes first); [2] fits DRAIN_WAIT + 1 times (the
    // last seven of them tasks without comments), then [4] fits and [8] does not: [4] from then on.
    const deleted = await drainJobs([2, 2, 2, 2, ...Array(60).fill(0)]);
    expect(deleted).toEqual([0, 0, 0, 0, 0, 0, 6, 6, ...Array(7).fill(2), 4, 0, ...Array(9).fill(4), 6, 0]);
  });

  it('tries the size that did not fit again, not the doubled batch past it', async () => {
    // 5 documents written a job; t0 has a comment. [40], [20], [10] and [5] (t0 among them: 6
    // writes) do not fit; [3] does, DRAIN_WAIT + 1 times; then [5] again, which now fits (tasks
    // without comments) and is forgotten: [10] does not fit, the 8 left go 4 a job. Doubling [3]
    // would have tried [6] (6 writes), failing again, and gone on 3 a job.
    const deleted = await drainJobs([1, ...Array(39).fill(0)], 5);
    expect(deleted).toEqual([0, 0, 0, 0, 0, 4, ...Array(DRAIN_WAIT).fill(3), 5, 0, 4, 4, 0]);
  });
});
