/**
 * A `no action` (or `restrict`) reference between two rows one scheduled hard delete cascades to
 * holds nothing at the end of one statement deleting both (as on Postgres, which checks NO ACTION
 * at the end of the statement). A drain deletes them in separate jobs: the parent task's delete is
 * refused while its subtask still references it, and a task's while a lock the project cascades to
 * still restricts it. The drain defers such a row as it defers a row of a cycle (into its parent's
 * `skip`) and deletes it with what is left, so every job succeeds and nothing is left. (It failed
 * the job for good, the project staying soft-deleted with its cascade.)
 */
import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    parentId: id('tasks').references((): AnyColumn => tasks._id, { onDelete: 'no action' }),
    name: text().notNull(),
  },
  (t) => [index('by_project').on(t.projectId), index('by_parent').on(t.parentId)],
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
// A lock cascades from the project too, and restricts the delete of its task.
const locks = convexTable(
  'locks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    taskId: id('tasks')
      .notNull()
      .references(() => tasks._id, { onDelete: 'restrict' }),
  },
  (t) => [index('by_project').on(t.projectId), index('by_task').on(t.taskId)],
);
const schema = defineSchema({ projects, tasks, comments, locks });
const relations = defineRelations({ projects, tasks, comments, locks });
const MODULE = 'drainNoAction';

afterEach(() => {
  vi.useRealTimers();
});

function backend(documentsWritten?: number) {
  const orm = createOrm({
    relations,
    transactionBudget: documentsWritten ? { documentsWritten } : {},
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } } as never);
  const seed = () =>
    t.run(async (ctx) => {
      const project = await ctx.db.insert('projects', { name: 'p', deletedAt: null });
      const parent = await ctx.db.insert('tasks', { projectId: project, parentId: null, name: 'parent' });
      await ctx.db.insert('tasks', { projectId: project, parentId: parent, name: 'child' });
      for (const taskId of [parent]) {
        for (let c = 0; c < 3; c++) await ctx.db.insert('comments', { taskId, body: `c${c}` });
      }
      return project;
    });
  const left = () =>
    t.run(async (ctx) => ({
      projects: (await ctx.db.query('projects').collect()).length,
      tasks: (await ctx.db.query('tasks').collect()).map((row) => row.name),
      comments: (await ctx.db.query('comments').collect()).length,
      locks: (await ctx.db.query('locks').collect()).length,
      jobs: (await ctx.db.system.query('_scheduled_functions').collect()).map((job) => job.state.kind),
    }));
  return { t, orm, seed, left };
}

describe('a no action reference between two rows of one drained cascade', () => {
  it('one transaction that fits deletes both tasks (the reference holds nothing at the end)', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = backend();
    const project = await seed();
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers, 50);
    expect(await left()).toEqual({ projects: 0, tasks: [], comments: 0, locks: 0, jobs: ['success'] });
  });

  it('drained (6 writes a job), the parent task is deferred until its subtask is deleted', async () => {
    vi.useFakeTimers();
    const { t, orm, seed, left } = backend(6);
    const project = await seed();
    // Both tasks with their comments are 8 writes, past 6: the drain deletes them one at a time.
    await t.run(async (ctx) => {
      const child = (await ctx.db.query('tasks').collect()).find((row) => row.name === 'child')!;
      for (let c = 0; c < 3; c++) await ctx.db.insert('comments', { taskId: child._id, body: `cc${c}` });
    });
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers, 50);
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({ projects: 0, tasks: [], comments: 0, locks: 0 });
    expect(jobs).not.toContain('failed');
  });

  it('a restrict from a row the project cascades to (a lock) defers the task it locks until the lock is deleted', async () => {
    vi.useFakeTimers();
    const { t, orm, left } = backend(6);
    const project = await t.run(async (ctx) => {
      const p = await ctx.db.insert('projects', { name: 'p', deletedAt: null });
      const task = await ctx.db.insert('tasks', { projectId: p, parentId: null, name: 'task' });
      for (let c = 0; c < 6; c++) await ctx.db.insert('comments', { taskId: task, body: `c${c}` });
      await ctx.db.insert('locks', { projectId: p, taskId: task });
      return p;
    });
    // Deleting the project deletes the lock too, so in one statement the restrict holds nothing.
    await t.run((ctx) => orm.db(ctx).delete(projects).where(eq(projects._id, project)));
    await t.finishAllScheduledFunctions(vi.runAllTimers, 50);
    const { jobs, ...rows } = await left();
    expect(rows).toEqual({ projects: 0, tasks: [], comments: 0, locks: 0 });
    expect(jobs).not.toContain('failed');
  });
});
