import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  id,
  index,
  type Triggers,
  text,
  timestamp,
} from '../../src/index';

// The schema of the scheduled-delete drain's tests: projects (scheduled deletion) <- tasks
// (cascade) <- comments (cascade); watchers `set null` and locks `restrict` a task; a chain of
// revisions, each cascading from the one before (the first from a project).
export const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
export const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    name: text().notNull(),
  },
  (t) => [index('by_project').on(t.projectId)],
);
export const comments = convexTable(
  'comments',
  {
    taskId: id('tasks')
      .notNull()
      .references(() => tasks._id, { onDelete: 'cascade' }),
    body: text().notNull(),
  },
  (t) => [index('by_task').on(t.taskId)],
);
export const watchers = convexTable(
  'watchers',
  { taskId: id('tasks').references(() => tasks._id, { onDelete: 'set null' }), name: text().notNull() },
  (t) => [index('by_task').on(t.taskId)],
);
export const locks = convexTable(
  'locks',
  {
    taskId: id('tasks')
      .notNull()
      .references(() => tasks._id, { onDelete: 'restrict' }),
  },
  (t) => [index('by_task').on(t.taskId)],
);
export const revisions = convexTable(
  'revisions',
  {
    projectId: id('projects').references(() => projects._id, { onDelete: 'cascade' }),
    previousId: id('revisions').references((): AnyColumn => revisions._id, { onDelete: 'cascade' }),
  },
  (t) => [index('by_project').on(t.projectId), index('by_previous').on(t.previousId)],
);
export const schema = defineSchema({ projects, tasks, comments, watchers, locks, revisions });
export const relations = defineRelations({ projects, tasks, comments, watchers, locks, revisions });

const MODULE = 'testDrain';

/** What a drain backend's ORM allows a transaction, and runs. */
export interface DrainBackendOptions {
  readonly documentsWritten?: number;
  readonly documentsRead?: number;
  /** convex-test's own limits (Convex's with `true`). */
  readonly transactionLimits?: true;
  readonly triggers?: Triggers<typeof relations>;
}

/** A backend whose `scheduledDelete` is deployed with `self`, its ORM with the given budgets and triggers. */
export function drainBackend({ documentsWritten, documentsRead, transactionLimits, triggers }: DrainBackendOptions) {
  const orm = createOrm({
    relations,
    ...(triggers ? { triggers } : {}),
    transactionBudget: {
      ...(documentsWritten ? { documentsWritten } : {}),
      ...(documentsRead ? { documentsRead } : {}),
    },
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({
    schema,
    modules: { ...modules, [`./${MODULE}.ts`]: async () => functions },
    ...(transactionLimits ? { transactionLimits } : {}),
  } as never);
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
  /** What is left: projects, task names, how many comments and revisions, the scheduled jobs' states. */
  const left = () =>
    t.run(async (ctx) => ({
      projects: (await ctx.db.query('projects').collect()).map((row) => ({
        name: row.name,
        deleted: row.deletedAt !== null,
      })),
      tasks: (await ctx.db.query('tasks').collect()).map((row) => row.name),
      comments: (await ctx.db.query('comments').collect()).length,
      revisions: (await ctx.db.query('revisions').collect()).length,
      jobs: (await ctx.db.system.query('_scheduled_functions').collect()).map((job) => job.state.kind),
    }));
  /** Runs the next scheduled job (with fake timers). */
  const step = async () => {
    vi.advanceTimersToNextTimer();
    await t.finishInProgressScheduledFunctions();
  };
  return { t, orm, seed, left, step, module: MODULE };
}
