import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

// A scheduled delete of one row whose cascade does not fit one transaction: before the drain, its
// job failed with the limit error and the row stayed soft-deleted forever. Now the job drains the
// cascade over jobs of its own: a batch of cascading rows per job, halved while it does not fit,
// going down into a single row whose own cascade does not fit, then the row itself.
const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    name: text().notNull(),
  },
  (t) => [index('by_project').on(t.projectId)],
);
const comments = convexTable(
  'comments',
  {
    taskId: id('tasks')
      .notNull()
      .references(() => tasks._id, { onDelete: 'cascade' }),
    body: text().notNull(),
  },
  (t) => [index('by_task').on(t.taskId)],
);
const watchers = convexTable(
  'watchers',
  { taskId: id('tasks').references(() => tasks._id, { onDelete: 'set null' }), name: text().notNull() },
  (t) => [index('by_task').on(t.taskId)],
);
const locks = convexTable(
  'locks',
  {
    taskId: id('tasks')
      .notNull()
      .references(() => tasks._id, { onDelete: 'restrict' }),
  },
  (t) => [index('by_task').on(t.taskId)],
);
const schema = defineSchema({ projects, tasks, comments, watchers, locks });
const relations = defineRelations({ projects, tasks, comments, watchers, locks });

const MODULE = 'testDrain';

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A backend whose ORM lets a transaction write 6 documents (and read `documentsRead`), its
 * `scheduledDelete` deployed with `self`; `deleted` logs the rows the hooks saw deleted, as `table:name`.
 */
function drainBackend(documentsRead?: number) {
  const deleted: string[] = [];
  const triggers = defineTriggers(relations, {
    tasks: { afterDelete: ({ old }) => void deleted.push(`tasks:${old.name}`) },
    comments: { afterDelete: ({ old }) => void deleted.push(`comments:${old.body}`) },
  });
  const orm = createOrm({
    relations,
    triggers,
    transactionBudget: { documentsWritten: 6, ...(documentsRead ? { documentsRead } : {}) },
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } });
  /** A project with one task per entry of `commentsPerTask`, holding that many comments. */
  const seed = (commentsPerTask: number[]) =>
    t.run(async (ctx) => {
      const project = await ctx.db.insert('projects', { name: 'p', deletedAt: null });
      const taskIds = [];
      for (const [i, count] of commentsPerTask.entries()) {
        const taskId = await ctx.db.insert('tasks', { projectId: project, name: `t${i}` });
        for (let c = 0; c < count; c++) await ctx.db.insert('comments', { taskId, body: `t${i}c${c}` });
        taskIds.push(taskId);
      }
      return { project, taskIds };
    });
  const left = () =>
    t.run(async (ctx) => ({
      projects: (await ctx.db.query('projects').collect()).map((row) => ({
        name: row.name,
        deleted: row.deletedAt !== null,
      })),
      tasks: (await ctx.db.query('tasks').collect()).map((row) => row.name),
      comments: (await ctx.db.query('comments').collect()).length,
      jobs: (await ctx.db.system.query('_scheduled_functions').collect()).map((job) => job.state.kind),
    }));
  /** Runs the next scheduled job (with fake timers). */
  const step = async () => {
    vi.advanceTimersToNextTimer();
    await t.finishInProgressScheduledFunctions();
  };
  return { t, orm, deleted, seed, left, step };
}

describe('scheduled hard delete of one row whose cascade does not fit one transaction', () => {
  it('drains the cascade over jobs of its own, going down into a row whose own cascade does not fit', async () => {
    vi.useFakeTimers();
    const { t, orm, deleted, seed, left } = drainBackend();
    // t0's cascade alone is 9 writes (past 6), t1's 3, t2's 2 (itself and its watcher's set null).
    const { project, taskIds } = await seed([8, 2, 0]);
    await t.run((ctx) => ctx.db.insert('watchers', { taskId: taskIds[2]!, name: 'w' }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The job (15 writes) hands on to the drain: tasks [t0 t1 t2] (15) -> [t0 t1] (12) -> [t0] (9)
    // -> down into t0: comments 8 -> 4 -> 4 -> t0 itself; then [t1] (3), [t2] (2), and the project.
    expect(await left()).toEqual({ projects: [], tasks: [], comments: 0, jobs: Array(11).fill('success') });
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
    const { t, orm, seed, left, step } = drainBackend();
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
      jobs: Array(4).fill('success'),
    });
  });

  it('a restrict the job plans its way to fails it before any write, as one statement', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = drainBackend();
    const { project, taskIds } = await seed([4, 1]);
    await t.run((ctx) => ctx.db.insert('locks', { taskId: taskIds[1]! }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The job's plan reads the whole cascade (within the read budgets) and meets the lock first.
    expect(await left()).toEqual({
      projects: [{ name: 'p', deleted: true }],
      tasks: ['t0', 't1'],
      comments: 5,
      jobs: ['failed'],
    });
  });

  it('a restrict met only by the drain fails its job after the batches before it were deleted', async () => {
    vi.useFakeTimers();
    // 8 documents read a transaction: the job's plan (9 documents) does not reach the lock.
    const { t, orm, seed, left } = drainBackend(8);
    const { project, taskIds } = await seed([4, 1]);
    await t.run((ctx) => ctx.db.insert('locks', { taskId: taskIds[1]! }));
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The drain reads each batch twice (its ids, then the statement): tasks [t0 t1] pass the read
    // budget, [t0] too, so it goes down into t0 and deletes its comments in batches (halved and
    // doubled back as they pass the budget or fit), then t0; then [t1], whose lock restricts it.
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({ projects: [{ name: 'p', deleted: true }], tasks: ['t1'], comments: 1 });
    expect(jobs.at(-1)).toBe('failed');
    expect(jobs.slice(0, -1).every((job) => job === 'success')).toBe(true);
  });
});
