/**
 * An `OR` every branch of which contradicts the rest of the filter (`{ ownerId: 'al', OR: [{ ownerId:
 * 'bo' }, { ownerId: 'cy', public: true }] }`, or a query's `{ ownerId: 'bo', public: false }` beside
 * a read rule `{ OR: [{ ownerId: 'al' }, { public: true }] }`) reads nothing in a keyed read too, as
 * at the root: a `with` load, a `_count`, a relation filter and a db.select() inner join's lookup
 * read no row of it, and explain() says so (docs/queries.md, Plan: "a filter that can match nothing
 * reads nothing", contradictions the planner finds included).
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  and,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  eq,
  inArray,
  index,
  or,
  text,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { logged, type Opened } from './fixture';

const projects = convexTable('projects', { key: text().notNull() }, (t) => [index('by_key').on(t.key)]);
const tasks = convexTable(
  'tasks',
  { projectId: text().notNull(), ownerId: text().notNull(), public: boolean().notNull() },
  (t) => [index('by_project_owner').on(t.projectId, t.ownerId), index('by_project_public').on(t.projectId, t.public)],
);
const tables = { projects, tasks };
const relations = defineRelations(tables, (r) => ({
  projects: { tasks: r.many.tasks({ from: r.projects.key, to: r.tasks.projectId }) },
}));
const plain = createOrm({ relations });
const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    projects: { read: {} },
    tasks: { read: { OR: [{ ownerId: 'al' }, { public: true }] } },
  })),
});

async function backend() {
  const t = convexTest(defineSchema(tables), modules);
  await t.run(async (ctx) => {
    for (const key of ['p0', 'p1', 'p2']) {
      await ctx.db.insert('projects', { key });
      for (let i = 0; i < 12; i++)
        await ctx.db.insert('tasks', { projectId: key, ownerId: ['al', 'bo', 'cy'][i % 3]!, public: i % 4 === 0 });
    }
  });
  return t;
}

/** The query's explain() (the tasks part), its result, and the tasks documents / ranges the run read. */
async function run(orm: typeof plain, make: (db: any) => any, pick: (ex: any) => unknown) {
  const t = await backend();
  return t.run(async (raw) => {
    const log: Opened[] = [];
    const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
    const query = make(orm.db(ctx));
    const explained = pick(query.explain());
    const rows = await query;
    const read = log.filter((entry) => entry.table === 'tasks');
    return { explained, rows, reads: { documents: read.reduce((n, entry) => n + entry.docs, 0), ranges: read.length } };
  });
}

const NOTHING = /^none/;
const contradiction = { ownerId: 'al', OR: [{ ownerId: 'bo' }, { ownerId: 'cy', public: true }] };
const hiddenByRule = { ownerId: 'bo', public: false };

describe('an OR every branch of which contradicts the rest reads nothing in keyed reads too', () => {
  it('at the root it reads nothing (today, the contract the keyed reads should follow)', async () => {
    const out = await run(
      plain,
      (db) => db.query.tasks.findMany({ where: contradiction }),
      (ex) => ex.read,
    );
    expect(out).toEqual({ explained: 'none', rows: [], reads: { documents: 0, ranges: 0 } });
    const ruledOut = await run(
      ruled,
      (db) => db.query.tasks.findMany({ where: hiddenByRule }),
      (ex) => ex.read,
    );
    expect(ruledOut).toEqual({ explained: 'none', rows: [], reads: { documents: 0, ranges: 0 } });
  });

  for (const [name, orm, where] of [
    ['the query own OR', plain, contradiction],
    ["a read rule's OR", ruled, hiddenByRule],
  ] as const) {
    it(`with load (${name})`, async () => {
      const out = await run(
        orm,
        (db) => db.query.projects.findMany({ with: { tasks: { where } } }),
        (ex) => ex.with.tasks.load,
      );
      expect(out.rows.map((p: any) => p.tasks)).toEqual([[], [], []]);
      // Today: 'per distinct parent key, every match; ...', and 12 documents read over 3 ranges.
      expect(out.explained).toMatch(NOTHING);
      expect(out.reads.documents).toBe(0);
    });

    it(`_count (${name})`, async () => {
      const out = await run(
        orm,
        (db) => db.query.projects.findMany({ _count: { tasks: { where } } }),
        (ex) => ex._count.tasks,
      );
      expect(out.rows.map((p: any) => p._count.tasks)).toEqual([0, 0, 0]);
      expect(out.explained).toMatch(NOTHING);
      expect(out.reads.documents).toBe(0);
    });

    it(`relation filter (${name})`, async () => {
      const out = await run(
        orm,
        (db) => db.query.projects.findMany({ where: { tasks: where } }),
        (ex) => ex.exists?.tasks?.read ?? ex.read,
      );
      expect(out.rows).toEqual([]);
      // A relation filter no row passes is FALSE (the root read of projects reads nothing then), or its own read is 'none'.
      expect(out.explained).toBe('none');
      expect(out.reads.documents).toBe(0);
    });
  }
});

describe('a db.select() inner join whose on holds such an OR', () => {
  it("empties the select as an on no row passes does (inArray(col, []): read 'none', 0 reads)", async () => {
    const on = (extra: unknown) => and(eq(tasks.projectId, projects.key), extra as never);
    const contradictionOn = and(
      eq(tasks.ownerId, 'al'),
      or(eq(tasks.ownerId, 'bo'), and(eq(tasks.ownerId, 'cy'), eq(tasks.public, true))),
    );
    const pick = (ex: any) => ({ read: ex.read, join: ex.joins[0].read });
    const empty = await run(
      plain,
      (db) =>
        db
          .select()
          .from(projects)
          .innerJoin(tasks, on(inArray(tasks.ownerId, []))),
      pick,
    );
    expect(empty).toEqual({ explained: { read: 'none', join: 'none' }, rows: [], reads: { documents: 0, ranges: 0 } });
    const out = await run(plain, (db) => db.select().from(projects).innerJoin(tasks, on(contradictionOn)), pick);
    expect(out.rows).toEqual([]);
    // Today: { read: 'index', join: 'index' }, the 3 projects and 12 tasks read.
    expect(out.explained).toEqual({ read: 'none', join: 'none' });
  });
});
