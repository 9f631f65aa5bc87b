import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineRelations, defineSchema, deletion, id, index, text, timestamp } from '../../src/index';

/**
 * `projects` and soft-deleting `tasks` (with `projects.tasks`) whose only index is on the deletion
 * column: `by_deleted (deletedAt)`, or `by_deleted_project (deletedAt, projectId)` when
 * `projectSecond`. The soft-delete planner tests differ by that one index.
 */
export function projectTasks(projectSecond = false) {
  const projects = convexTable('projects', { name: text().notNull() });
  const tasks = convexTable(
    'tasks',
    { projectId: id('projects').notNull(), title: text().notNull(), deletedAt: timestamp() },
    (t) => [
      projectSecond ? index('by_deleted_project').on(t.deletedAt, t.projectId) : index('by_deleted').on(t.deletedAt),
      deletion('soft', { column: t.deletedAt }),
    ],
  );
  const tables = { projects, tasks };
  const relations = defineRelations(tables, (r) => ({
    projects: { tasks: r.many.tasks({ from: r.projects._id, to: r.tasks.projectId }) },
  }));
  return { projects, tasks, tables, relations };
}

/**
 * A backend of `tables` with `projectCount` projects of `tasksEach` tasks: each project's first
 * task soft-deleted, its second with `deletedAt: null` when `nullSecond`, the others without it.
 */
export async function seededProjectTasks(
  tables: ReturnType<typeof projectTasks>['tables'],
  projectCount: number,
  tasksEach: number,
  nullSecond: boolean,
) {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < projectCount; i++) {
      const projectId = await ctx.db.insert('projects', { name: `p${i}` });
      for (let j = 0; j < tasksEach; j++) {
        const deletedAt = j === 0 ? { deletedAt: 1 } : j === 1 && nullSecond ? { deletedAt: null } : {};
        await ctx.db.insert('tasks', { projectId, title: `t${i}-${j}`, ...deletedAt });
      }
    }
  });
  return t;
}
