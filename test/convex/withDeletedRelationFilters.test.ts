import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { tasks } from '../../example/convex/schema';
import { seeded } from './seed';

// `withDeleted: true` includes soft-deleted rows everywhere in its query: `with` loads and relation
// filters alike, at any depth; without it, relation filters see only rows that are not deleted,
// in queries and in the where of updates and deletes.
async function withProjects() {
  const { t } = await seeded();
  await t.run(async (ctx) => {
    const live = await ctx.db.insert('projects', { name: 'live', taskCount: 0, deletedAt: null });
    const gone = await ctx.db.insert('projects', { name: 'gone', taskCount: 0, deletedAt: 5 });
    await ctx.db.insert('tasks', { projectId: live, title: 'a', deletedAt: null });
    await ctx.db.insert('tasks', { projectId: gone, title: 'b', deletedAt: 5 });
  });
  return t;
}

describe('withDeleted and relation filters', () => {
  it('withDeleted: relation filters see soft-deleted rows, as its with loads do', async () => {
    const t = await withProjects();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const query = db.query.tasks.findMany({
        withDeleted: true,
        where: { project: { name: 'gone' } },
        columns: { title: true },
      });
      return {
        residual: query.explain().residual,
        tasks: await query,
        projects: await db.query.projects.findMany({
          withDeleted: true,
          where: { tasks: { title: 'b' } },
          columns: { name: true },
        }),
        counted: await db.query.projects.count({ withDeleted: true, where: { tasks: { title: 'b' } } }),
        hidden: await db.query.projects.findMany({ where: { tasks: { title: 'b' } }, columns: { name: true } }),
      };
    });
    expect(out.residual).not.toContain('deletedAt');
    expect(out.tasks).toEqual([{ title: 'b' }]);
    expect(out.projects).toEqual([{ name: 'gone' }]);
    expect(out.counted).toBe(1);
    // Without withDeleted, the deleted project and its deleted task stay out.
    expect(out.hidden).toEqual([]);
  });

  it("an update's relation filter sees only rows that are not deleted, though the update may target deleted rows", async () => {
    const t = await withProjects();
    const titles = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const updated = await db
        .update(tasks)
        .set({ title: 'renamed' })
        .where({ project: { name: { in: ['live', 'gone'] } } })
        .returning({ title: tasks.title });
      return updated.map((row) => row.title);
    });
    expect(titles).toEqual(['renamed']);
  });
});
