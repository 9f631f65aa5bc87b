import { anyApi, type FunctionReference } from 'convex/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_DRAIN_DEPTH } from '../../src/deletion/drain';
import { defineTriggers, eq } from '../../src/index';
import { type DrainBackendOptions, drainBackend, projects, relations } from './drainFixture';

// A scheduled delete of one row whose cascade does not fit one transaction: before the drain, its
// job failed with the limit error and the row stayed soft-deleted forever. Now the job drains the
// cascade over jobs of its own: a batch of cascading rows per job, halved while it does not fit,
// going down into a single row whose own cascade does not fit, then the row itself.

afterEach(() => {
  vi.useRealTimers();
});

/** The drain backend at 6 documents written a transaction; `deleted` logs the rows the hooks saw deleted. */
function backend(options: DrainBackendOptions = {}) {
  const deleted: string[] = [];
  const triggers = defineTriggers(relations, {
    tasks: { afterDelete: ({ old }) => void deleted.push(`tasks:${old.name}`) },
    comments: { afterDelete: ({ old }) => void deleted.push(`comments:${old.body}`) },
  });
  return { ...drainBackend({ documentsWritten: 6, triggers, ...options }), deleted };
}

describe('scheduled hard delete of one row whose cascade does not fit one transaction', () => {
  it('drains the cascade over jobs of its own, going down into a row whose own cascade does not fit', async () => {
    vi.useFakeTimers();
    const { t, orm, deleted, seed, left } = backend();
    // t0's cascade alone is 9 writes (past 6), t1's 3, t2's 2 (itself and its watcher's set null).
    const { project, taskIds } = await seed([8, 2, 0]);
    await t.run((ctx) => ctx.db.insert('watchers', { taskId: taskIds[2]!, name: 'w' }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The job (15 writes) hands on to the drain: tasks [t0 t1 t2] (15) -> [t0 t1] (12) -> [t0] (9)
    // -> down into t0: comments 8 -> 4 -> 4 -> t0 itself; then [t1] (3), [t2] (2), and the project.
    expect(await left()).toEqual({
      projects: [],
      tasks: [],
      comments: 0,
      revisions: 0,
      jobs: Array(11).fill('success'),
    });
    expect(await t.run((ctx) => ctx.db.query('watchers').collect())).toMatchObject([{ name: 'w', taskId: null }]);
    // Every row's afterDelete ran once: the batches that did not fit wrote (and fired) nothing.
    const expected = ['t0', 't1', 't2'].map((name) => `tasks:${name}`);
    for (const [task, count] of [8, 2].entries()) {
      for (let c = 0; c < count; c++) expected.push(`comments:t${task}c${c}`);
    }
    expect([...deleted].sort()).toEqual(expected.sort());
  });

  it('a row restored during its drain stops it: what was left of its cascade stays', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left, step } = backend();
    const { project } = await seed([2, 2, 2]);
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await step(); // the job: 10 writes, past 6: hands on to the drain
    await step(); // tasks [t0 t1 t2] (9 writes): halved
    await step(); // tasks [t0 t1] (6 writes): deleted
    await t.run((ctx) => orm.db(ctx).update(projects).set({ deletedAt: null }).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await left()).toEqual({
      projects: [{ name: 'p', deleted: false }],
      tasks: ['t2'],
      comments: 2,
      revisions: 0,
      jobs: Array(4).fill('success'),
    });
  });

  it('a restrict the job plans its way to fails it before any write, as one statement', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = backend();
    const { project, taskIds } = await seed([4, 1]);
    await t.run((ctx) => ctx.db.insert('locks', { taskId: taskIds[1]! }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The job's plan reads the whole cascade (within the read budgets) and meets the lock first.
    expect(await left()).toEqual({
      projects: [{ name: 'p', deleted: true }],
      tasks: ['t0', 't1'],
      comments: 5,
      revisions: 0,
      jobs: ['failed'],
    });
  });

  it('a restrict met only by the drain fails its job after the batches before it were deleted', async () => {
    vi.useFakeTimers();
    // 8 documents read a transaction: the job's plan (9 documents) does not reach the lock.
    const { t, orm, seed, left } = backend({ documentsRead: 8 });
    const { project, taskIds } = await seed([4, 1]);
    await t.run((ctx) => ctx.db.insert('locks', { taskId: taskIds[1]! }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The drain reads each batch twice (its ids, then the statement): tasks [t0 t1] pass the read
    // budget, [t0] too, so it goes down into t0 and deletes its comments in batches (halved and
    // doubled back as they pass the budget or fit), then t0; then [t1], whose lock restricts it: the
    // drain goes down into t1, deletes its comment, and defers t1 (a row of the cascade might hold
    // the lock); the project, deleted last with t1, is refused by the lock, outside the cascade.
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({ projects: [{ name: 'p', deleted: true }], tasks: ['t1'], comments: 0, revisions: 0 });
    expect(jobs.at(-1)).toBe('failed');
    expect(jobs.slice(0, -1).every((job) => job === 'success')).toBe(true);
  });
});

describe('the drain, as the rows change under it and at its edges', () => {
  it('leaves a row moved out of the cascade meanwhile alone, with what hangs below it', async () => {
    // Was: each job checked only the project, and went on deleting the moved task's comments, then the task.
    vi.useFakeTimers();
    const { t, orm, seed, left, step } = backend();
    const { project, taskIds } = await seed([8]);
    const other = await t.run((ctx) => ctx.db.insert('projects', { name: 'other', deletedAt: null }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await step(); // the job: 10 writes, past 6: hands on to a drain of the project
    await step(); // tasks [t0] (9 writes) do not fit: the drain goes down into t0
    await t.run((ctx) => ctx.db.patch(taskIds[0]!, { projectId: other }));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const { jobs, ...rows } = await left();
    expect(jobs.every((job) => job === 'success')).toBe(true);
    expect(rows).toEqual({ projects: [{ name: 'other', deleted: false }], tasks: ['t0'], comments: 8, revisions: 0 });
  });

  it("halves a batch whose read passes the read budget (typed), where a raw read hit Convex's own limit", async () => {
    vi.useFakeTimers();
    // Convex's real limits (16 MiB read a transaction) and the ORM's default budgets.
    const { t, orm, left } = drainBackend({ transactionLimits: true });
    const big = 'x'.repeat(20_000);
    const project = await t.run((ctx) => ctx.db.insert('projects', { name: 'p', deletedAt: null }));
    // 900 tasks of 20 KB: 18 MB, past the ORM's 15 MiB read budget and Convex's 16 MiB.
    for (let chunk = 0; chunk < 3; chunk++) {
      await t.run(async (ctx) => {
        for (let i = 0; i < 300; i++) await ctx.db.insert('tasks', { projectId: project, name: `${big}${chunk}-${i}` });
      });
    }
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers, 1000);
    const { jobs, ...rows } = await left();
    expect(jobs).not.toContain('failed');
    expect(rows).toEqual({ projects: [], tasks: [], comments: 0, revisions: 0 });
  });

  it('a job (drain or not) of a table without deletion() ends with 0 and leaves its row; a table not of the ORM fails with INVALID_SCHEMA', async () => {
    // Was a raw TypeError (a deploy that took deletion('scheduled') off a table while its drain went
    // on), then INVALID_SCHEMA: a failure on every pending job of a deploy that meant it. The app now
    // keeps those rows, as it does a table turned deletion('soft')
    // (test/convex/scheduledJobAfterTableTurnedSoft.test.ts).
    const { t, module } = backend();
    const task = await t.run(async (ctx) => {
      const project = await ctx.db.insert('projects', { name: 'p', deletedAt: null });
      return ctx.db.insert('tasks', { projectId: project, name: 't0' });
    });
    const fn = anyApi[module]!.scheduledDelete as FunctionReference<'mutation', 'internal'>;
    const args = { table: 'tasks', deletedAt: 1, ids: [task] };
    const outcome = (run: Promise<unknown>) =>
      run.then(
        (removed) => removed,
        (error: { data?: { code?: string } }) => error.data?.code,
      );
    expect(await outcome(t.mutation(fn, args))).toBe(0);
    expect(await outcome(t.mutation(fn, { ...args, drain: [{ table: 'tasks', id: task, batch: 1024 }] }))).toBe(0);
    expect(await t.run((ctx) => ctx.db.get(task))).toMatchObject({ name: 't0' });
    expect(await outcome(t.mutation(fn, { ...args, table: 'notATable' }))).toBe('INVALID_SCHEMA');
  });

  /** A project whose cascade is a chain of `length` revisions, each cascading from the one before. */
  const chain = (t: ReturnType<typeof backend>['t'], length: number) =>
    t.run(async (ctx) => {
      const project = await ctx.db.insert('projects', { name: 'p', deletedAt: null });
      let previousId = await ctx.db.insert('revisions', { projectId: project, previousId: null });
      for (let i = 1; i < length; i++) previousId = await ctx.db.insert('revisions', { projectId: null, previousId });
      return project;
    });

  it('goes down a chain whose every row cascades more than one transaction writes, and deletes it from the end', async () => {
    vi.useFakeTimers();
    const { t, orm, left } = backend();
    const project = await chain(t, 20);
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({ projects: [], tasks: [], comments: 0, revisions: 0 });
    expect(jobs.every((job) => job === 'success')).toBe(true);
  });

  it(`past ${MAX_DRAIN_DEPTH} rows deep it fails with the typed limit error naming the depth, the rows left soft-deleted`, async () => {
    vi.useFakeTimers();
    const { t, orm, left } = backend();
    const project = await chain(t, MAX_DRAIN_DEPTH + 10);
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({
      projects: [{ name: 'p', deleted: true }],
      tasks: [],
      comments: 0,
      revisions: MAX_DRAIN_DEPTH + 10,
    });
    expect(jobs.at(-1)).toBe('failed');
    expect(jobs.slice(0, -1).every((job) => job === 'success')).toBe(true);
  });
});
