import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { createOrm, eq } from '../../src/index';
import { projectTasks, seededProjectTasks } from './softDeleteTasksFixture';

// docs/select.md: a join whose joined table has no index starting with its key "is refused before
// any read with FULL_SCAN_FORBIDDEN ... every row would otherwise scan the joined table"; strict
// mode refuses a read no index narrows. With only by_deleted (deletedAt) the ORM's `deletedAt
// isNull` is a range of that index, but it is the live rows, nearly the whole table: read for one
// project, with projectId residual, it walks every live task, once per project of a join or load.
// Narrowed by that range alone, a read is a full scan.
const { projects, tasks, tables, relations } = projectTasks();
const orm = createOrm({ relations });
const strict = createOrm({ relations, strict: true });

/** 10 projects × 3 tasks, one of them soft-deleted. */
function backend() {
  return seededProjectTasks(tables, 10, 3, false);
}

/** The rows' count, or the rejection's code and message, with the documents read. */
async function outcome(t: Awaited<ReturnType<typeof backend>>, read: (ctx: any) => PromiseLike<unknown[]>) {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      return { rows: (await read(ctx)).length, documents: reads.documents };
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      return { code, message, documents: reads.documents };
    }
  });
}

describe('a read narrowed only by the live rows of by_deleted (deletedAt) is a full scan', () => {
  it('a join keyed by projectId is refused before any read, naming the index to add', async () => {
    const out = await outcome(await backend(), (ctx) =>
      orm.db(ctx).select().from(projects).innerJoin(tasks, eq(tasks.projectId, projects._id)),
    );
    expect(out).toMatchObject({ code: 'FULL_SCAN_FORBIDDEN', documents: 0 });
    expect(out.message).toContain('add index on tasks(projectId, deletedAt)');
  });

  it('explain() says fullScan for where projectId; strict mode refuses it and the with load', async () => {
    const t = await backend();
    const explained = await t.run(async (ctx) => {
      const [project] = await ctx.db.query('projects').take(1);
      return orm
        .db(ctx)
        .query.tasks.findMany({ where: { projectId: project!._id } })
        .explain();
    });
    expect(explained).toMatchObject({ index: 'by_deleted', ranges: ['deletedAt <= null'], fullScan: true });
    const where = await outcome(t, async (ctx) => {
      const [project] = await ctx.db.query('projects').take(1);
      return strict.db(ctx).query.tasks.findMany({ where: { projectId: project!._id } });
    });
    expect(where).toMatchObject({ code: 'FULL_SCAN_FORBIDDEN' });
    const load = await outcome(t, (ctx) => strict.db(ctx).query.projects.findMany({ with: { tasks: true }, limit: 5 }));
    expect(load).toMatchObject({ code: 'FULL_SCAN_FORBIDDEN' });
  });

  it('outside strict mode the read runs; the live rows with a limit and nothing residual are no full scan', async () => {
    const t = await backend();
    expect(await outcome(t, (ctx) => orm.db(ctx).query.projects.findMany({ with: { tasks: true } }))).toMatchObject({
      rows: 10,
    });
    const page = await outcome(t, (ctx) => strict.db(ctx).query.tasks.findMany({ limit: 5 }));
    expect(page).toEqual({ rows: 5, documents: 5 });
  });
});
