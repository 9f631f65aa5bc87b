import { convexTest } from 'convex-test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { projects, relations, taskNotes, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { asc, count, createOrm, eq, type OrmWriter, sql } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from './mutationHarness';

type Db = OrmWriter<typeof relations>;

function backend() {
  const t = convexTest(schema, modules);
  const run = <R>(fn: (db: Db, ctx: MutationCtx) => Promise<R>) =>
    t.run((ctx) => fn(orm.db(ctx as MutationCtx), ctx as MutationCtx));
  return { t, run };
}

/** 10 projects, one soft-deleted; project 0 has 3 tasks (one soft-deleted), each with a note. */
async function seed(db: Db) {
  const rows = await db
    .insert(projects)
    .values(Array.from({ length: 10 }, (_, i) => ({ name: `p${i}` })))
    .returning({ _id: projects._id });
  const ids = rows.map((row) => row._id);
  const taskRows = await db
    .insert(tasks)
    .values(['a', 'b', 'c'].map((title) => ({ projectId: ids[0]!, title })))
    .returning({ _id: tasks._id });
  await db.insert(taskNotes).values(taskRows.map(({ _id }) => ({ taskId: _id, body: 'n' })));
  await db.update(projects).set({ deletedAt: 1 }).where(eq(projects._id, ids[9]!));
  await db.update(tasks).set({ deletedAt: 1 }).where(eq(tasks._id, taskRows[2]!._id));
  return { projects: ids, tasks: taskRows.map((row) => row._id) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('soft delete', () => {
  it('db.select() hides soft-deleted rows of the from table and of joined tables (before planning), unless withDeleted()', async () => {
    const { run } = backend();
    const result = await run(async (db, ctx) => {
      const ids = await seed(db);
      const { ctx: counted, reads } = countReads(ctx);
      const live = await orm
        .db(counted as MutationCtx)
        .select({ name: projects.name })
        .from(projects)
        .orderBy(asc(projects.name));
      const liveReads = { ...reads };
      const joined = await db
        .select({ project: projects.name, task: tasks.title })
        .from(projects)
        .leftJoin(tasks, eq(tasks.projectId, projects._id))
        .where(eq(projects._id, ids.projects[0]!))
        .orderBy(asc(tasks.title));
      const grouped = await db
        .select({ project: projects.name, n: count(tasks._id) })
        .from(projects)
        .leftJoin(tasks, eq(tasks.projectId, projects._id))
        .groupBy(projects._id)
        .orderBy(asc(projects.name))
        .limit(2);
      const all = await db.select({ title: tasks.title }).from(tasks).withDeleted().orderBy(asc(tasks.title));
      const explain = db.select().from(projects).explain();
      return { live: live.length, liveReads, joined, grouped, all, explain, queryCount: await db.$count(projects) };
    });
    // 9 live projects read through by_deleted (deletedAt isNull), no deleted row scanned.
    expect(result.live).toBe(9);
    expect(result.liveReads).toEqual({ documents: 9, ranges: 1 });
    expect(result.joined).toEqual([
      { project: 'p0', task: 'a' },
      { project: 'p0', task: 'b' },
    ]);
    expect(result.grouped).toEqual([
      { project: 'p0', n: 2 },
      { project: 'p1', n: 0 },
    ]);
    expect(result.all.map((row) => row.title)).toEqual(['a', 'b', 'c']);
    expect(result.explain).toMatchObject({ index: 'by_deleted', ranges: ['deletedAt <= null'] });
    expect(result.queryCount).toBe(9);
  });

  it('delete sets the column; findMany, findFirst, count, paginate and $count skip the row unless withDeleted', async () => {
    const { run } = backend();
    const result = await run(async (db, ctx) => {
      const ids = await seed(db);
      const deleted = await db
        .delete(projects)
        .where(eq(projects._id, ids.projects[1]!))
        .returning({ name: projects.name });
      const stored = await ctx.db.get('projects', ids.projects[1]!);
      return {
        deleted,
        stored: typeof stored?.deletedAt,
        many: (await db.query.projects.findMany()).length,
        first: await db.query.projects.findFirst({ where: { name: 'p1' } }),
        count: await db.query.projects.count(),
        page: (await db.query.projects.paginate({ numItems: 20, cursor: null })).page.length,
        dbCount: await db.$count(projects),
        withDeleted: (await db.query.projects.findMany({ withDeleted: true })).length,
        countWithDeleted: await db.query.projects.count({ withDeleted: true }),
      };
    });
    expect(result).toEqual({
      deleted: [{ name: 'p1' }],
      stored: 'number',
      many: 8,
      first: null,
      count: 8,
      page: 8,
      dbCount: 8,
      withDeleted: 10,
      countWithDeleted: 10,
    });
  });

  it('explain() shows the added condition; an index on deletedAt keeps reads at the floor', async () => {
    const { t, run } = backend();
    await run(seed);
    const result = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.projects.findMany({ limit: 5 });
      const explained = query.explain();
      const rows = await query;
      return { explained, rows: rows.length, reads: { ...reads } };
    });
    expect(result.explained).toMatchObject({ index: 'by_deleted', ranges: ['deletedAt <= null'], fullScan: false });
    expect(result.rows).toBe(5);
    expect(result.reads).toEqual({ documents: 5, ranges: 1 });
  });

  it('with deletedAt after the equality prefix (tasks by_project): only live rows are read', async () => {
    const { t, run } = backend();
    const ids = await run(seed);
    const result = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.tasks.findMany({ where: { projectId: ids.projects[0]! } });
      return { titles: rows.map((row) => row.title), reads: { ...reads } };
    });
    expect(result).toEqual({ titles: ['a', 'b'], reads: { documents: 2, ranges: 1 } });
  });

  it('hidden in nested with loads and one targets', async () => {
    const { run } = backend();
    const result = await run(async (db) => {
      const ids = await seed(db);
      const project = await db.query.projects.findFirst({
        where: { _id: ids.projects[0]! },
        with: { tasks: { columns: { title: true }, with: { notes: { columns: { body: true } } } } },
      });
      await db.update(tasks).set({ projectId: ids.projects[9]! }).where(eq(tasks._id, ids.tasks[0]!));
      const task = await db.query.tasks.findFirst({ where: { _id: ids.tasks[0]! }, with: { project: true } });
      const all = await db.query.tasks.findFirst({
        where: { _id: ids.tasks[0]! },
        with: { project: { columns: { name: true } } },
        withDeleted: true,
      });
      return { tasks: project!.tasks, project: task!.project, withDeleted: all!.project };
    });
    expect(result).toEqual({
      tasks: [
        { title: 'a', notes: [{ body: 'n' }] },
        { title: 'b', notes: [{ body: 'n' }] },
      ],
      project: null,
      withDeleted: { name: 'p9' },
    });
  });

  it('hidden through relation filters', async () => {
    const { run } = backend();
    const result = await run(async (db) => {
      const ids = await seed(db);
      // Project 1 gets one task, then it is deleted: project 1 has no live task.
      const [task] = await db.insert(tasks).values({ projectId: ids.projects[1]!, title: 'x' }).returning();
      await db.delete(tasks).where(eq(tasks._id, task!._id));
      const withTasks = await db.query.projects.findMany({ where: { tasks: true }, columns: { name: true } });
      const withoutTasks = await db.query.projects.count({ where: { tasks: false } });
      const ofDeletedProject = await db.query.tasks.count({ where: { project: { name: 'p9' } } });
      return { withTasks, withoutTasks, ofDeletedProject };
    });
    expect(result).toEqual({ withTasks: [{ name: 'p0' }], withoutTasks: 8, ofDeletedProject: 0 });
  });

  it('relation orderBy aggregates leave soft-deleted related rows out, unless withDeleted', async () => {
    const { run } = backend();
    const result = await run(async (db) => {
      const ids = await seed(db); // p0: 3 tasks, one deleted
      await db.insert(tasks).values([
        { projectId: ids.projects[1]!, title: 'live' },
        { projectId: ids.projects[1]!, title: 'gone', deletedAt: 1 },
        { projectId: ids.projects[1]!, title: 'gone', deletedAt: 1 },
        { projectId: ids.projects[2]!, title: 'live' },
        { projectId: ids.projects[2]!, title: 'live' },
      ]);
      const where = { name: { in: ['p0', 'p1', 'p2'] } };
      const names = (rows: { name: string }[]) => rows.map((row) => row.name);
      return {
        live: names(await db.query.projects.findMany({ where, orderBy: { tasks: 'desc(count)' } })),
        all: names(await db.query.projects.findMany({ where, orderBy: { tasks: 'desc(count)' }, withDeleted: true })),
      };
    });
    expect(result).toEqual({ live: ['p0', 'p2', 'p1'], all: ['p0', 'p1', 'p2'] });
  });

  it('prepared queries hide soft-deleted rows too', async () => {
    const { run } = backend();
    const byProject = orm.query.tasks
      .findMany({ where: { projectId: sql.placeholder('project') }, columns: { title: true } })
      .prepare('tasksByProject');
    const titles = await run(async (db, ctx) => {
      const ids = await seed(db);
      return byProject.execute(ctx, { project: ids.projects[0]! });
    });
    expect(titles).toEqual([{ title: 'a' }, { title: 'b' }]);
  });

  it('update targets soft-deleted rows, so setting the column to null restores one', async () => {
    const { run } = backend();
    const result = await run(async (db) => {
      const ids = await seed(db);
      await db.update(projects).set({ deletedAt: null }).where(eq(projects._id, ids.projects[9]!));
      return (await db.query.projects.findFirst({ where: { _id: ids.projects[9]! } }))?.name;
    });
    expect(result).toBe('p9');
  });

  it('a soft delete cascades softly to soft-deleting tables at the same time, and leaves other tables', async () => {
    vi.useFakeTimers();
    const { run } = backend();
    const result = await run(async (db, ctx) => {
      const ids = await seed(db);
      await db.delete(projects).where(eq(projects._id, ids.projects[0]!));
      const project = await ctx.db.get('projects', ids.projects[0]!);
      const stored = await Promise.all(ids.tasks.map((id) => ctx.db.get('tasks', id)));
      return {
        sameTime: stored.slice(0, 2).every((task) => task?.deletedAt === project?.deletedAt),
        alreadyDeleted: stored[2]?.deletedAt,
        notes: (await ctx.db.query('taskNotes').collect()).length,
      };
    });
    expect(result).toEqual({ sameTime: true, alreadyDeleted: 1, notes: 3 });
  });

  it('delete(t).hard() removes rows for real, soft-deleted ones included', async () => {
    const { run } = backend();
    const left = await run(async (db, ctx) => {
      await seed(db);
      await db
        .delete(projects)
        .hard()
        .where({ name: { in: ['p8', 'p9'] } });
      return (await ctx.db.query('projects').collect()).map((row) => row.name);
    });
    expect(left).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });
});

describe('scheduled delete', () => {
  it('soft-deletes now and hard-deletes (with cascades) after delayMs', async () => {
    vi.useFakeTimers();
    const { t, run } = backend();
    const ids = await run(seed);
    const now = await run(async (db, ctx) => {
      await db.delete(tasks).where(eq(tasks._id, ids.tasks[0]!));
      return { task: (await ctx.db.get('tasks', ids.tasks[0]!))?.title, visible: await db.query.tasks.count() };
    });
    expect(now).toEqual({ task: 'a', visible: 1 });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const later = await t.run(async (ctx) => ({
      tasks: (await ctx.db.query('tasks').collect()).map((task) => task._id),
      notes: (await ctx.db.query('taskNotes').collect()).map((note) => note.taskId),
    }));
    // The seed soft-deleted task 2 by setting its column, which schedules its hard delete too.
    expect(later).toEqual({ tasks: [ids.tasks[1]], notes: [ids.tasks[1]] });
  });

  it('restoring the row before the delay cancels its hard delete', async () => {
    vi.useFakeTimers();
    const { t, run } = backend();
    const ids = await run(seed);
    await run((db) => db.delete(tasks).where(eq(tasks._id, ids.tasks[0]!)));
    await run((db) => db.update(tasks).set({ deletedAt: null }).where(eq(tasks._id, ids.tasks[0]!)));
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const task = await t.run((ctx) => ctx.db.get('tasks', ids.tasks[0]!));
    expect(task?.title).toBe('a');
    expect(task?.deletedAt).toBeNull();
  });

  it('without scheduledDelete wired, a scheduled delete throws INVALID_SCHEMA before writing', async () => {
    const { t, run } = backend();
    const ids = await run(seed);
    const unwired = createOrm({ relations });
    const result = await t.run(async (ctx) => {
      const error = await rejection(unwired.db(ctx).delete(tasks).where(eq(tasks._id, ids.tasks[0]!)));
      return { error, deletedAt: (await ctx.db.get('tasks', ids.tasks[0]!))?.deletedAt };
    });
    expect(result.error).toMatchObject({ code: 'INVALID_SCHEMA', table: 'tasks' });
    expect(result.deletedAt).toBeNull();
  });
});
