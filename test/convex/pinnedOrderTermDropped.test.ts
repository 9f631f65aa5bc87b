// An orderBy term on a field the filter pins to one value orders nothing and is dropped before
// planning (src/planner/plan.ts `orderingTerms`): findMany, pages, rules, prepared queries and db.select
// still return the rows in the order asked, checked against a brute-force sort of the same rows.
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  desc,
  eq,
  index,
  integer,
  sql,
  text,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

const tasks = convexTable('tasks', { owner: text().notNull(), priority: integer().notNull(), tag: text() }, (t) => [
  index('by_owner_priority').on(t.owner, t.priority),
  index('by_owner_tag_priority').on(t.owner, t.tag, t.priority),
]);
const tables = { tasks };
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => ({
  tasks: { read: { owner: (await ctx.auth.getUserIdentity())?.subject ?? '' } },
}));
const ruled = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

type Row = { _id: string; _creationTime: number; owner: string; priority: number };

async function setup() {
  const t = convexTest({ schema: defineSchema(tables), modules, transactionLimits: true });
  await t.run(async (ctx: any) => {
    const priorities = [3, 1, 2, 1, 3, 2, 1, 5, 0, 2];
    for (const [i, p] of priorities.entries()) {
      await ctx.db.insert('tasks', { owner: 'x', priority: p, tag: `t${i % 3}` });
      await ctx.db.insert('tasks', { owner: 'y', priority: 10 - p, tag: `t${i % 2}` });
    }
  });
  return t;
}

/** x's rows by priority (dir), ties in index order (_creationTime, _id asc). */
const expected = (all: Row[], dir: 'asc' | 'desc') =>
  all
    .filter((r) => r.owner === 'x')
    .sort(
      (a, b) =>
        (dir === 'asc' ? a.priority - b.priority : b.priority - a.priority) || a._creationTime - b._creationTime,
    )
    .map((r) => r._id);

/** The rows agree with a brute-force sort by priority (ties in any order), each row once. */
function check(all: Row[], got: string[], dir: 'asc' | 'desc', limit?: number) {
  const byId = new Map(all.map((r) => [String(r._id), r]));
  const want = expected(all, dir).slice(0, limit);
  expect(new Set(got.map(String)).size).toBe(got.length);
  expect(got.map((id) => byId.get(String(id))!.owner)).toEqual(want.map(() => 'x'));
  expect(got.map((id) => byId.get(String(id))!.priority)).toEqual(want.map((id) => byId.get(String(id))!.priority));
  if (limit === undefined) expect([...got.map(String)].sort()).toEqual([...want.map(String)].sort());
}

async function allPages(run: (cursor: string | null) => Promise<any>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 20; i++) {
    const page: any = await run(cursor);
    ids.push(...page.page.map((r: Row) => r._id));
    if (page.isDone) return ids;
    cursor = page.continueCursor;
  }
  throw new Error('too many pages');
}

describe('orderBy on a pinned field, then another term', () => {
  const pins: [string, object][] = [
    ['eq', { owner: 'x' }],
    ['in of one', { owner: { in: ['x'] } }],
    ['two equalities intersecting to one', { AND: [{ owner: { in: ['x', 'y'] } }, { owner: { in: ['x', 'z'] } }] }],
    ['OR of same value', { OR: [{ owner: 'x' }, { owner: 'x' }] }],
    ['beside a cross-field OR (union)', { owner: 'x', OR: [{ tag: 't0' }, { priority: { gte: 0 } }] }],
    ['beside a same-field OR', { owner: 'x', OR: [{ tag: 't0' }, { tag: 't1' }, { tag: 't2' }] }],
  ];
  for (const [name, where] of pins) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`findMany, ${name}, priority ${dir}`, async () => {
        const t = await setup();
        const out = await t.run(async (ctx: any) => {
          const all = await ctx.db.query('tasks').collect();
          const rows = await orm
            .db(ctx)
            .query.tasks.findMany({ where: where as never, orderBy: { owner: 'desc', priority: dir }, limit: 7 });
          return { all, got: rows.map((r: any) => r._id) };
        });
        check(out.all, out.got, dir, 7);
      });

      it(`paginate, ${name}, priority ${dir}`, async () => {
        const t = await setup();
        const out = await t.run(async (ctx: any) => {
          const all = await ctx.db.query('tasks').collect();
          const got = await allPages((cursor) =>
            orm
              .db(ctx)
              .query.tasks.paginate(
                { numItems: 3, cursor },
                { where: where as never, orderBy: { owner: 'asc', priority: dir } },
              ),
          );
          return { all, got };
        });
        check(out.all, out.got, dir);
      });
    }
  }

  it('a rule pins owner: paginate orderBy { owner, priority desc }', async () => {
    const t = await setup();
    const out = await t.withIdentity({ subject: 'x' }).run(async (ctx: any) => {
      const all = await ctx.db.query('tasks').collect();
      const got = await allPages((cursor) =>
        ruled.db(ctx).query.tasks.paginate({ numItems: 4, cursor }, { orderBy: { owner: 'desc', priority: 'desc' } }),
      );
      return { all, got };
    });
    check(out.all, out.got, 'desc');
  });

  it('prepared: owner placeholder, orderBy { owner, priority }', async () => {
    const t = await setup();
    const prepared = orm.query.tasks
      .findMany({ where: { owner: sql.placeholder('o') }, orderBy: { owner: 'asc', priority: 'asc' }, limit: 6 })
      .prepare();
    const out = await t.run(async (ctx: any) => {
      const all = await ctx.db.query('tasks').collect();
      const rows = await prepared.execute(ctx, { o: 'x' });
      return { all, got: rows.map((r: any) => r._id) };
    });
    check(out.all, out.got, 'asc', 6);
  });

  it('db.select: where owner = x orderBy owner, desc(priority)', async () => {
    const t = await setup();
    const out = await t.run(async (ctx: any) => {
      const all = await ctx.db.query('tasks').collect();
      const rows = await orm
        .db(ctx)
        .select()
        .from(tasks)
        .where(eq(tasks.owner, 'x'))
        .orderBy(tasks.owner, desc(tasks.priority))
        .limit(5);
      return { all, got: rows.map((r: any) => r._id) };
    });
    check(out.all, out.got, 'desc', 5);
  });
});
