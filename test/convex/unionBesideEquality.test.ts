/**
 * An `OR` beside an equality the single index read pins (`{ projectId, OR: [{ ownerId }, { public,
 * archived }] }`) is read as a union of index ranges when each branch pins more than that equality,
 * with it (DESIGN.md section 14: reads bounded by the narrowest equality ranges): the project's rows
 * of each branch, by `(projectId, ownerId)` and `(projectId, public)`, not every row of the project
 * with the `OR` residual. The same where a rule's `OR` stands beside the query's equality. Results,
 * counts and pages equal a brute-force filter; reads are each branch's matching rows.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  index,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';

const tasks = convexTable(
  'tasks',
  {
    projectId: text().notNull(),
    ownerId: text().notNull(),
    public: boolean().notNull(),
    archived: boolean().notNull(),
  },
  (t) => [index('by_project_owner').on(t.projectId, t.ownerId), index('by_project_public').on(t.projectId, t.public)],
);
const tables = { tasks };
const schema = defineSchema(tables);
const relations = defineRelations(tables);
const orm = createOrm({ relations });
const ruled = createOrm({
  relations,
  rules: defineRules(relations, (ctx: { viewer: string }) => ({
    tasks: { read: { OR: [{ ownerId: ctx.viewer }, { public: true }] } },
  })),
});

interface Task {
  projectId: string;
  ownerId: string;
  public: boolean;
  archived: boolean;
}
// 3 projects of 60 tasks, 6 owners: each project holds 10 of u1's tasks and 20 public ones (5 of them u1's).
const rows: Task[] = Array.from({ length: 180 }, (_, i) => ({
  projectId: `p${i % 3}`,
  ownerId: `u${Math.floor(i / 3) % 6}`,
  public: Math.floor(i / 3) % 3 === 0,
  archived: Math.floor(i / 9) % 2 === 0,
}));

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of rows) await ctx.db.insert('tasks', row);
  });
  return t;
}

const mineOrOpen = (row: Task) => row.ownerId === 'u1' || (row.public && !row.archived);

describe('an OR beside an equality, read as a union of narrower index ranges', () => {
  it('findMany, count and explain read each branch by its index: its matches, not the project', async () => {
    const t = await backend();
    const where = { projectId: 'p1', OR: [{ ownerId: 'u1' }, { public: true, archived: false }] };
    const expected = rows.filter((row) => row.projectId === 'p1' && mineOrOpen(row)).length;
    const ownerRows = rows.filter((row) => row.projectId === 'p1' && row.ownerId === 'u1').length;
    const publicRows = rows.filter((row) => row.projectId === 'p1' && row.public).length;
    const out = await t.run(async (raw) => {
      const found = countReads(raw);
      const list = await orm.db(found.ctx).query.tasks.findMany({ where });
      const counted = countReads(raw);
      const count = await orm.db(counted.ctx).query.tasks.count({ where });
      const explained = await orm.db(raw).query.tasks.findMany({ where }).explain();
      return { list, count, reads: found.reads, countReads: counted.reads, explained };
    });
    expect(out.list.length).toBe(expected);
    expect(out.list.every((row) => row.projectId === 'p1' && mineOrOpen(row))).toBe(true);
    expect(out.count).toBe(expected);
    // Each branch's rows (the project's public rows read whole: archived is tested in memory), not the project's 60.
    expect(out.reads).toEqual({ documents: ownerRows + publicRows, ranges: 2 });
    expect(out.countReads).toEqual(out.reads);
    expect(out.explained).toMatchObject({
      read: 'union',
      ranges: [
        'by_project_owner: projectId = "p1", ownerId = "u1"',
        'by_project_public: projectId = "p1", public = true',
      ],
    });
    expect(ownerRows + publicRows).toBeLessThan(60);
  });

  it("a rule's OR beside the query's equality: only visible rows, read through the narrower ranges", async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const list = await ruled.db({ ...ctx, viewer: 'u1' }).query.tasks.findMany({ where: { projectId: 'p2' } });
      return { list, reads };
    });
    const visible = rows.filter((row) => row.projectId === 'p2' && (row.ownerId === 'u1' || row.public));
    expect(out.list.map(({ ownerId, public: open }) => ({ ownerId, public: open }))).toEqual(
      expect.arrayContaining(visible.map(({ ownerId, public: open }) => ({ ownerId, public: open }))),
    );
    expect(out.list.length).toBe(visible.length);
    const ownerRows = rows.filter((row) => row.projectId === 'p2' && row.ownerId === 'u1').length;
    const publicRows = rows.filter((row) => row.projectId === 'p2' && row.public).length;
    expect(out.reads).toEqual({ documents: ownerRows + publicRows, ranges: 2 });
  });

  it('pages walk one index in order and concatenate to findMany', async () => {
    const t = await backend();
    const where = { projectId: 'p0', OR: [{ ownerId: 'u1' }, { public: true, archived: false }] };
    const { all, paged } = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const all = await db.query.tasks.findMany({ where });
      const paged: unknown[] = [];
      let cursor: string | null = null;
      for (;;) {
        const page: { page: unknown[]; isDone: boolean; continueCursor: string } = await db.query.tasks.paginate(
          { numItems: 4, cursor },
          { where },
        );
        paged.push(...page.page);
        if (page.isDone) break;
        cursor = page.continueCursor;
      }
      return { all, paged };
    });
    expect(paged).toEqual(all);
    expect(all.length).toBe(rows.filter((row) => row.projectId === 'p0' && mineOrOpen(row)).length);
  });
});
