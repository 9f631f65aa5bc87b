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
  integer,
  text,
  timestamp,
} from '../../src/index';
import { projectTasks, seededProjectTasks } from './softDeleteTasksFixture';

// docs/mutations.md: the ORM adds `deletedAt isNull` before planning, so "an index that starts with
// the column (`by_deleted`) ... keeps reads at the floor"; docs/select.md: a join needs an index
// that starts with its key column, else it "is refused before any read with FULL_SCAN_FORBIDDEN
// ... every row would otherwise scan the joined table". With only (deletedAt, projectId), a read
// keyed by projectId reads the live rows' range `deletedAt <= null` with `projectId = ?` residual:
// every live task of every project, once per project. Read as two points (deletedAt absent, then
// null) the key joins the equality prefix: (absent, projectId = ?) and (null, projectId = ?), the
// key's live rows and nothing else. (Or, for the join, refuse it and name the index.)
const { projects, tasks, tables, relations } = projectTasks(true);
const orm = createOrm({ relations });
// Few ranges left: the load of 20 projects' tasks (2 ranges a key) reads one span over the keys.
const fewRanges = createOrm({ relations, transactionBudget: { indexRanges: 30 } });

type Db = ReturnType<typeof orm.db>;

/** 20 projects × 5 tasks: one soft-deleted, one with deletedAt null, three with it absent (4 live a project). */
function backend() {
  return seededProjectTasks(tables, 20, 5, true);
}

async function measure(read: (db: Db) => PromiseLike<unknown>, on = orm) {
  const t = await backend();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      const result = await read(on.db(ctx));
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

describe('the two points of (deletedAt, projectId) for a plain where and a span load', () => {
  it("findMany where projectId reads that project's live tasks as two ranges, not every live task", async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const [project] = await ctx.db.query('projects').take(1);
      const read = orm.db(ctx).query.tasks.findMany({ where: { projectId: project!._id } });
      const { ranges } = read.explain() as { ranges: readonly string[] };
      return { ranges, rows: (await read).length, reads: { ...reads } };
    });
    expect(out.ranges).toEqual([
      expect.stringMatching(/^deletedAt is absent, projectId = /),
      expect.stringMatching(/^deletedAt = null, projectId = /),
    ]);
    expect(out.rows).toBe(4);
    expect(out.reads.documents).toBeLessThanOrEqual(1 + 4);
  });

  it("a load past half the ranges left reads the keys' span within the live rows (80 tasks, not every task)", async () => {
    const out = await measure((db) => db.query.projects.findMany({ with: { tasks: true } }), fewRanges);
    expect(out).toMatchObject({ rows: 20 });
    expect((out as { reads: { documents: number } }).reads.documents).toBeLessThanOrEqual(20 + 80);
  });
});

// The live rows' points are one more candidate of their index: an index led by the key reads each
// key's live rows in one range and still wins, for a where, a join and a relation load alike.
describe('an index led by the key still wins over the points of (deletedAt, projectId)', () => {
  for (const [name, keyIndex] of [
    ['by_project', (t: { projectId: any; deletedAt: any }) => index('by_project').on(t.projectId)],
    [
      'by_project_deleted',
      (t: { projectId: any; deletedAt: any }) => index('by_project_deleted').on(t.projectId, t.deletedAt),
    ],
  ] as const) {
    it(`${name} is read, one range a key`, async () => {
      const keyed = convexTable(
        'tasks',
        { projectId: id('projects').notNull(), title: text().notNull(), deletedAt: timestamp() },
        (t) => [
          index('by_deleted_project').on(t.deletedAt, t.projectId),
          keyIndex(t),
          deletion('soft', { column: t.deletedAt }),
        ],
      );
      const both = { projects, tasks: keyed };
      const bothOrm = createOrm({
        relations: defineRelations(both, (r) => ({
          projects: { tasks: r.many.tasks({ from: r.projects._id, to: r.tasks.projectId }) },
        })),
      });
      const t = convexTest(defineSchema(both), modules);
      const reads = await t.run(async (ctx) => {
        const db = bothOrm.db(ctx);
        const projectId = await ctx.db.insert('projects', { name: 'p' });
        const join = db.select().from(projects).innerJoin(keyed, eq(keyed.projectId, projects._id)).explain();
        const load = db.query.projects.findMany({ with: { tasks: true } }).explain().with!.tasks!;
        const where = db.query.tasks.findMany({ where: { projectId } }).explain();
        return [join.joins[0]!, load, where].map(({ index, ranges }) => ({ index, ranges: ranges?.length }));
      });
      expect(reads).toEqual([
        { index: name, ranges: 1 },
        { index: name, ranges: 1 },
        { index: name, ranges: 1 },
      ]);
    });
  }
});

// A range on the field after the deletion column narrows through the two points the same way.
describe('a range on the field after the deletion column', () => {
  it('(deletedAt, priority) reads the live rows of priority > 95 as two ranges, not every live row', async () => {
    const jobs = convexTable('jobs', { priority: integer().notNull(), deletedAt: timestamp() }, (t) => [
      index('by_deleted_priority').on(t.deletedAt, t.priority),
      deletion('soft', { column: t.deletedAt }),
    ]);
    const jobsOrm = createOrm({ relations: defineRelations({ jobs }, () => ({})) });
    const t = convexTest(defineSchema({ jobs }), modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 100; i++)
        await ctx.db.insert('jobs', { priority: i, ...(i % 3 === 0 ? { deletedAt: null } : {}) });
    });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await jobsOrm.db(ctx).query.jobs.findMany({ where: { priority: { gt: 95 } } });
      return { priorities: rows.map((row) => row.priority).sort(), reads: { ...reads } };
    });
    expect(out.priorities).toEqual([96, 97, 98, 99]);
    expect(out.reads.documents).toBeLessThanOrEqual(4 + 1);
  });
});
