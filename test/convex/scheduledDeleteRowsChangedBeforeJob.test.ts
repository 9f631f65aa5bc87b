// A scheduled job whose rows changed before it ran (docs/mutations.md "Soft and scheduled delete":
// it "hard-deletes (with cascades and triggers) only the rows whose column still holds the time it
// was scheduled with"; docs/triggers.md: a scheduled hard delete fires the delete hooks; the
// buckets leave soft-deleted rows out). One statement soft-deletes three tasks (one job, three
// ids); before the job runs the user hard-deletes task a and restores task b. The job succeeds,
// deletes only task c with its notes (cascade) and nulls its watcher (`set null`), fires the
// delete hooks once per row removed (a's at the user's delete, c's in the job, none for b), and
// the aggregate index equals the live rows.
import { anyApi, internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  inArray,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

// projects (scheduled, 1000 ms) <- tasks (scheduled, 5000 ms, cascade, aggregate) <- notes (no deletion, cascade)
// tasks <- watchers (set null, no deletion)
const projects = convexTable('projects', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const tasks = convexTable(
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
const notes = convexTable(
  'notes',
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
const all = { projects, tasks, notes, watchers };
const schema = defineSchema(all);
const relations = defineRelations(all, (r) => ({
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
 * one transaction, `jobs` lists the scheduled jobs (their state and arguments).
 */
function backend(opts: { triggers?: object } = {}) {
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
  return { t, run, jobs };
}

afterEach(() => vi.useRealTimers());

describe('scheduled delete: rows hard-deleted or restored before the job runs', () => {
  it('the job removes only the rows still soft-deleted at its time, hooks and aggregates exact', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const b = backend({
      triggers: {
        tasks: {
          afterUpdate: (c: any) =>
            void log.push(`update ${c.new.title} ${c.new.deletedAt === null ? 'live' : 'deleted'}`),
          afterDelete: (c: any) => void log.push(`delete ${c.old.title}`),
        },
        notes: { afterDelete: (c: any) => void log.push(`delete note ${c.old.body}`) },
      },
    });
    for (;;) {
      const step = await b.t.run((ctx) => backfillNext(ctx.db as never, [getTableConfig(tasks)] as never, 100));
      if ((step as { batch: unknown }).batch === null) break;
    }
    const ids = await b.run(async (db: any) => {
      const [p] = await db.insert(projects).values({ name: 'p' }).returning();
      const ts = await db
        .insert(tasks)
        .values(['a', 'b', 'c', 'd'].map((title, i) => ({ projectId: p._id, title, points: 1 << i })))
        .returning();
      await db.insert(notes).values(ts.map((t: any) => ({ taskId: t._id, body: t.title })));
      await db.insert(watchers).values(ts.map((t: any) => ({ taskId: t._id, name: t.title })));
      return { p: p._id as string, tasks: ts.map((t: any) => t._id as string) };
    });
    const [a, bTask, c] = ids.tasks;
    await b.run((db: any) => db.delete(tasks).where(inArray(tasks._id, [a, bTask, c] as never)));
    expect((await b.jobs()).map((job) => job.args.ids.length)).toEqual([3]);
    log.length = 0;
    await b.run((db: any) =>
      db
        .delete(tasks)
        .hard()
        .where(eq(tasks._id, a as never)),
    );
    await b.run((db: any) =>
      db
        .update(tasks)
        .set({ deletedAt: null })
        .where(eq(tasks._id, bTask as never)),
    );
    expect(log).toEqual(['delete a', 'delete note a', 'update b live']);
    log.length = 0;
    await b.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect((await b.jobs()).map((job) => job.state)).toEqual(['success']);
    expect(log).toEqual(['delete c', 'delete note c']);
    const state = await b.run(async (db: any, ctx: any) => ({
      tasks: (await ctx.db.query('tasks').collect()).map((t: any) => [t.title, t.deletedAt]),
      notes: (await ctx.db.query('notes').collect()).map((n: any) => n.body),
      watchers: (await ctx.db.query('watchers').collect()).map((w: any) => [w.name, w.taskId !== null]),
      served: await db.query.tasks.aggregate({ where: { projectId: ids.p }, _count: true, _sum: { points: true } }),
    }));
    expect(state).toEqual({
      tasks: [
        ['b', null],
        ['d', null],
      ],
      notes: ['b', 'd'],
      watchers: [
        ['a', false],
        ['b', true],
        ['c', false],
        ['d', true],
      ],
      served: { _count: 2, _sum: { points: 2 + 8 } },
    });
  });
});
