import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { projects, tables, taskNotes, tasks } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations } from '../../src/index';
import { countReads } from '../../src/testing/index';

// A many-to-many relation whose junction table soft-deletes: a project's notes through its tasks.
// A soft-deleted task (the link) hides the note it names, as a soft-deleted target would, unless the
// query says `withDeleted: true`.
const relations = defineRelations(tables, (r) => ({
  projects: {
    notes: r.many.taskNotes({
      from: r.projects._id.through(r.tasks.projectId),
      to: r.taskNotes.taskId.through(r.tasks._id),
    }),
  },
}));
const orm = createOrm({ relations });

async function projectWithTwoNotes() {
  const t = convexTest(schema, modules);
  const project = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    const [row] = await db.insert(projects).values({ name: 'p' }).returning({ _id: projects._id });
    const [live, gone] = await db
      .insert(tasks)
      .values([
        { projectId: row!._id, title: 'live' },
        { projectId: row!._id, title: 'gone' },
      ])
      .returning({ _id: tasks._id });
    await db.insert(taskNotes).values([
      { taskId: live!._id, body: 'visible' },
      { taskId: gone!._id, body: 'hidden' },
    ]);
    // Soft-deleted by a raw patch: an ORM update would also schedule its hard delete.
    await ctx.db.patch(gone!._id, { deletedAt: 1 });
    return row!._id;
  });
  return { t, project };
}

describe('soft-deleted junction rows', () => {
  it('hide the rows they link from with, _count and relation filters, reading only live links', async () => {
    const { t, project } = await projectWithTwoNotes();
    const result = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const db = orm.db(counted as MutationCtx);
      const loaded = await db.query.projects.findFirst({
        where: { _id: project },
        columns: { name: true },
        with: { notes: { columns: { body: true } } },
        _count: { notes: true },
      });
      const loadReads = { ...reads };
      const byHidden = await db.query.projects.findMany({ where: { notes: { body: 'hidden' } } });
      const byVisible = await db.query.projects.findMany({ where: { notes: { body: 'visible' } } });
      return { loaded, loadReads, byHidden: byHidden.length, byVisible: byVisible.length };
    });
    expect(result.loaded).toEqual({ name: 'p', notes: [{ body: 'visible' }], _count: { notes: 1 } });
    // The project, its one live task through by_project (projectId, deletedAt) and that task's note,
    // read by the load (the count is its rows'): the deleted task and its note are not read.
    expect(result.loadReads.documents).toBe(3);
    expect(result.byHidden).toBe(0);
    expect(result.byVisible).toBe(1);
  });

  it('withDeleted: true includes them, and explain() shows the condition only without it', async () => {
    const { t, project } = await projectWithTwoNotes();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as MutationCtx);
      const all = await db.query.projects.findFirst({
        where: { _id: project },
        columns: {},
        with: { notes: { columns: { body: true }, orderBy: { body: 'asc' } } },
        withDeleted: true,
      });
      const live = await db.query.projects.findFirst({ with: { notes: true } }).explain();
      const every = await db.query.projects.findFirst({ with: { notes: true }, withDeleted: true }).explain();
      return {
        all,
        live: JSON.stringify(live.with?.notes?.junction),
        every: JSON.stringify(every.with?.notes?.junction),
      };
    });
    expect(result.all).toEqual({ notes: [{ body: 'hidden' }, { body: 'visible' }] });
    expect(result.live).toContain('deletedAt');
    expect(result.every).not.toContain('deletedAt');
  });
});
