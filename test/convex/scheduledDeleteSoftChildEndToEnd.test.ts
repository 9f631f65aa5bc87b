// Claim check (no existing test covers this combination): a scheduled parent whose cascade runs
// through a `deletion('soft')` child table (aggregate, hooks) into a `deletion('scheduled')`
// grandchild table with a shorter delay, plus a `set null` reference from a table without
// deletion(). docs/mutations.md "Soft and scheduled delete": cascades become soft at soft time
// (a child deleted already keeps its time), `set null` applies only when the row is deleted for
// real; the job hard-deletes "with cascades and triggers" (children soft-deleted included);
// docs/triggers.md: a soft delete fires update hooks, the hard delete later fires the delete
// hooks; aggregates leave soft-deleted rows out and stay exact through the hard delete; updating
// another column of a soft-deleted row schedules nothing and leaves the buckets alone.
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
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

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
    deletion('soft', { column: t.deletedAt }),
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
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_task').on(t.taskId, t.deletedAt),
    deletion('scheduled', { column: t.deletedAt, delayMs: 200 }),
    aggregateIndex('notes_all').all().count(),
  ],
);
const assignments = convexTable(
  'assignments',
  { projectId: id('projects').references(() => projects._id, { onDelete: 'set null' }), who: text().notNull() },
  (t) => [index('by_project').on(t.projectId)],
);
const all = { projects, tasks, notes, assignments };
const schema = defineSchema(all);
const relations = defineRelations(all, (r) => ({
  projects: { tasks: r.many.tasks(), assignments: r.many.assignments() },
  tasks: { project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }), notes: r.many.notes() },
  notes: { task: r.one.tasks({ from: r.notes.taskId, to: r.tasks._id }) },
  assignments: { project: r.one.projects({ from: r.assignments.projectId, to: r.projects._id }) },
}));

const MODULE = 'reviewSoftChildDeletions';

function backend(log: string[]) {
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      projects: {
        afterUpdate: (c: any) => void log.push(`update project ${c.new.deletedAt === null ? 'live' : 'deleted'}`),
        afterDelete: (c: any) => void log.push(`delete project ${c.old.deletedAt === null ? 'live' : 'deleted'}`),
      },
      tasks: {
        afterUpdate: (c: any) =>
          void log.push(`update task ${c.new.title} ${c.new.deletedAt === null ? 'live' : 'deleted'}`),
        afterDelete: (c: any) =>
          void log.push(`delete task ${c.old.title} ${c.old.deletedAt === null ? 'live' : 'deleted'}`),
      },
      notes: {
        afterDelete: (c: any) => void log.push(`delete note ${c.old.body}`),
      },
    } as never),
    scheduledDelete: anyApi[MODULE]!.scheduledDelete as never,
  });
  const functions = defineDeletionFunctions({
    orm: orm as never,
    internalMutation: internalMutationGeneric,
    self: anyApi[MODULE] as never,
  });
  const t = convexTest({
    schema,
    modules: { ...modules, [`./${MODULE}.ts`]: async () => functions },
    transactionLimits: true,
  } as never);
  const run = <R>(fn: (db: any, ctx: any) => Promise<R>) => t.run((ctx) => fn(orm.db(ctx as never), ctx));
  const jobs = () =>
    t.run(async (ctx) =>
      (await ctx.db.system.query('_scheduled_functions').collect()).map((job: any) => ({
        state: job.state.kind as string,
        table: job.args[0].table as string,
        ids: job.args[0].ids.length as number,
      })),
    );
  return { t, run, jobs };
}

afterEach(() => vi.useRealTimers());

describe('scheduled delete through a soft child table into a scheduled grandchild table', () => {
  it('soft at soft time, hard (with hooks, set null, exact buckets) at job time', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const b = backend(log);
    for (const table of [tasks, notes]) {
      for (;;) {
        const step = await b.t.run((ctx) => backfillNext(ctx.db as never, [getTableConfig(table)] as never, 100));
        if ((step as { batch: unknown }).batch === null) break;
      }
    }
    const ids = await b.run(async (db: any) => {
      const [p] = await db.insert(projects).values({ name: 'p' }).returning();
      const ts = await db
        .insert(tasks)
        .values([
          { projectId: p._id, title: 'a', points: 1 },
          { projectId: p._id, title: 'b', points: 2 },
        ])
        .returning();
      await db.insert(notes).values([
        { taskId: ts[0]._id, body: 'a1' },
        { taskId: ts[1]._id, body: 'b1' },
        { taskId: ts[1]._id, body: 'b2' },
      ]);
      await db.insert(assignments).values({ projectId: p._id, who: 'x' });
      return { p: p._id, a: ts[0]._id, b: ts[1]._id };
    });
    const served = () =>
      b.run(async (db: any) => ({
        tasks: await db.query.tasks.aggregate({ where: { projectId: ids.p }, _count: true, _sum: { points: true } }),
        notes: await db.query.notes.aggregate({ _count: true }),
      }));

    // Task a soft-deleted on its own (soft table: no job), its note a1 by cascade (job of 200 ms).
    await b.run((db: any) => db.delete(tasks).where(eq(tasks._id, ids.a)));
    vi.advanceTimersByTime(50);
    // The project: task b (a keeps its time), notes b1 b2; jobs for projects and notes.
    await b.run((db: any) => db.delete(projects).where(eq(projects._id, ids.p)));
    expect(log).toEqual(['update task a deleted', 'update project deleted', 'update task b deleted']);
    expect(await b.jobs()).toEqual([
      { state: 'pending', table: 'notes', ids: 1 },
      { state: 'pending', table: 'projects', ids: 1 },
      { state: 'pending', table: 'notes', ids: 2 },
    ]);
    // Another column of a soft-deleted row: no job, buckets unchanged.
    await b.run((db: any) => db.update(tasks).set({ points: 40 }).where(eq(tasks._id, ids.b)));
    expect((await b.jobs()).length).toBe(3);
    expect(await served()).toEqual({
      tasks: { _count: 0, _sum: { points: null } },
      notes: { _count: 0 },
    });
    // The assignment still points at the soft-deleted project (set null applies at the hard delete).
    const before = await b.t.run(async (ctx) => (await ctx.db.query('assignments').collect())[0]!.projectId);
    expect(before).toBe(ids.p);

    log.length = 0;
    await b.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect((await b.jobs()).map((j) => j.state)).toEqual(['success', 'success', 'success']);
    // Notes jobs ran first (200 ms); the project's job then hard-deletes the project and both
    // soft-deleted tasks (hard cascade), firing their delete hooks.
    expect(log.filter((l) => l.startsWith('delete note')).sort()).toEqual([
      'delete note a1',
      'delete note b1',
      'delete note b2',
    ]);
    expect(log.filter((l) => !l.startsWith('delete note')).sort()).toEqual([
      'delete project deleted',
      'delete task a deleted',
      'delete task b deleted',
    ]);
    const left = await b.t.run(async (ctx) => ({
      projects: (await ctx.db.query('projects').collect()).length,
      tasks: (await ctx.db.query('tasks').collect()).length,
      notes: (await ctx.db.query('notes').collect()).length,
      assignments: (await ctx.db.query('assignments').collect()).map((row: any) => row.projectId),
    }));
    expect(left).toEqual({ projects: 0, tasks: 0, notes: 0, assignments: [null] });
    expect(await served()).toEqual({
      tasks: { _count: 0, _sum: { points: null } },
      notes: { _count: 0 },
    });
  });
});
