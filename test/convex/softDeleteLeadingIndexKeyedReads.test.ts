import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

// docs/mutations.md: the ORM adds `deletedAt isNull` before planning, so "an index that starts with
// the column (`by_deleted`) ... keeps reads at the floor"; docs/select.md: a join needs an index
// that starts with its key column, else it "is refused before any read with FULL_SCAN_FORBIDDEN
// ... every row would otherwise scan the joined table". With only (deletedAt, projectId), a read
// keyed by projectId reads the live rows' range `deletedAt <= null` with `projectId = ?` residual:
// every live task of every project, once per project. Read as two points (deletedAt absent, then
// null) the key joins the equality prefix: (absent, projectId = ?) and (null, projectId = ?), the
// key's live rows and nothing else. (Or, for the join, refuse it and name the index.)
const projects = convexTable('projects', { name: text().notNull() });
const tasks = convexTable(
  'tasks',
  { projectId: id('projects').notNull(), title: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_deleted_project').on(t.deletedAt, t.projectId), deletion('soft', { column: t.deletedAt })],
);
const tables = { projects, tasks };
const relations = defineRelations(tables, (r) => ({
  projects: { tasks: r.many.tasks({ from: r.projects._id, to: r.tasks.projectId }) },
}));
const orm = createOrm({ relations });

type Db = ReturnType<typeof orm.db>;

/** 20 projects × 5 tasks: one soft-deleted, one with deletedAt null, three with it absent (4 live a project). */
async function backend() {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 20; i++) {
      const projectId = await ctx.db.insert('projects', { name: `p${i}` });
      for (let j = 0; j < 5; j++) {
        const deletedAt = j === 0 ? { deletedAt: 1 } : j === 1 ? { deletedAt: null } : {};
        await ctx.db.insert('tasks', { projectId, title: `t${i}-${j}`, ...deletedAt });
      }
    }
  });
  return t;
}

async function measure(read: (db: Db) => PromiseLike<unknown>) {
  const t = await backend();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      const result = await read(orm.db(ctx));
      return { rows: (result as unknown[]).length, reads: { ...reads } };
    } catch (error) {
      return { code: (error as { code?: string }).code ?? String(error), reads: { ...reads } };
    }
  });
}

describe('reads keyed by the column after the deletion column, through (deletedAt, projectId)', () => {
  it('select innerJoin: each project reads its own live tasks, not every live task (or the join is refused)', async () => {
    const out = await measure((db) =>
      db
        .select({ project: projects.name, task: tasks.title })
        .from(projects)
        .innerJoin(tasks, eq(tasks.projectId, projects._id)),
    );
    if ('code' in out) {
      expect(out.code).toBe('FULL_SCAN_FORBIDDEN');
      return;
    }
    expect(out.rows).toBe(80);
    // The floor: 20 projects + 80 live tasks. Observed: 1,620 (80 live tasks read for each project).
    expect(out.reads.documents).toBeLessThanOrEqual(20 + 80 + 20);
  });

  it('the same tasks loaded with findMany({ with: { tasks: true } }) read the floor too', async () => {
    const out = await measure((db) => db.query.projects.findMany({ with: { tasks: true } }));
    expect(out).toMatchObject({ rows: 20 });
    expect((out as { reads: { documents: number } }).reads.documents).toBeLessThanOrEqual(20 + 80 + 20);
  });
});
