import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';

// projects (scheduled, 1000 ms) <- tasks (scheduled, 5000 ms, cascade, aggregate) <- notes (no deletion, cascade)
// tasks <- watchers (set null, no deletion)
export const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
export const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    points: integer().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_project').on(t.projectId, t.deletedAt),
    deletion('scheduled', { column: t.deletedAt, delayMs: 5000 }),
    aggregateIndex('tasks_by_project').on(t.projectId).count().sum(t.points),
  ],
);
export const notes = convexTable(
  'notes',
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
const all = { projects, tasks, notes, watchers };
export const schema = defineSchema(all);
export const relations = defineRelations(all, (r) => ({
  projects: { tasks: r.many.tasks() },
  tasks: {
    project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }),
    notes: r.many.notes(),
    watchers: r.many.watchers(),
  },
  notes: { task: r.one.tasks({ from: r.notes.taskId, to: r.tasks._id }) },
  watchers: { task: r.one.tasks({ from: r.watchers.taskId, to: r.tasks._id }) },
}));

const MODULE = 'scheduledDeleteFixture';

/**
 * The fixture on convex-test with its deletion functions exported: `run` hands `orm.db(ctx)` to
 * one transaction, `jobs` lists the scheduled jobs (their state and arguments), `step` runs the
 * next one (fake timers).
 */
export function backend(opts: { triggers?: object } = {}) {
  const orm = createOrm({
    relations,
    ...(opts.triggers ? { triggers: defineTriggers(relations, opts.triggers as never) } : {}),
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm: orm as never,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({ schema, modules: { ...modules, [`./${MODULE}.ts`]: async () => functions } });
  const run = <R>(fn: (db: any, ctx: any) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx as never), ctx));
  const jobs = () =>
    t.run(async (ctx) =>
      (await ctx.db.system.query('_scheduled_functions').collect()).map((job: any) => ({
        state: job.state.kind as string,
        args: job.args[0],
      })),
    );
  const step = async () => {
    vi.advanceTimersToNextTimer();
    await t.finishInProgressScheduledFunctions();
  };
  return { t, run, jobs, step };
}
