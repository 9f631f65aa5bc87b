import { createOrm, defineRelations } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, index, integer, text } from '../../src/index';

// A paged read whose `in` field is itself in the order (orderBy org, at) merges its k ranges on org
// first: a later page resumes only the cursor's own range (into d ranges, one per key field after the
// equalities) and keeps the ranges after it whole, so it opens at most k - 1 + d ranges, not k · d.
// Only an order that leaves the list field out (the default order, orderBy at) resumes every range.
const tasks = convexTable(
  'tasks',
  { org: integer().notNull(), status: text().notNull(), at: integer().notNull() },
  (t) => [index('by_org_at').on(t.org, t.at), index('by_org_status_at').on(t.org, t.status, t.at)],
);
// The same rows with only (org, status, at): nothing else serves (org, at) order.
const jobs = convexTable(
  'jobs',
  { org: integer().notNull(), status: text().notNull(), at: integer().notNull() },
  (t) => [index('by_org_status_at').on(t.org, t.status, t.at)],
);
const tables = { tasks, jobs };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));
const orm = createOrm({ relations });

async function backend(others: number) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    // Rows of org 0, in no list, stand before every listed org in (org, at) order.
    for (let i = 0; i < others; i++) await ctx.db.insert('tasks', { org: 0, status: 'open', at: i });
    for (let i = 0; i < 6; i++) {
      await ctx.db.insert('tasks', { org: 1 + i, status: 'open', at: i });
      await ctx.db.insert('jobs', { org: 1 + i, status: i % 2 ? 'open' : 'done', at: i });
    }
  });
  return t;
}

async function walk(t: Awaited<ReturnType<typeof backend>>, config: object, table: 'tasks' | 'jobs' = 'tasks') {
  const orgs: number[] = [];
  const reads: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10; guard++) {
    const page: any = await t.run(async (raw) => {
      const { ctx, reads: counted } = countReads(raw);
      const query = orm.db(ctx).query[table] as { paginate: (options: object, config: never) => Promise<unknown> };
      const result = await query.paginate({ numItems: 3, cursor }, config as never);
      reads.push(counted.documents);
      return result;
    });
    orgs.push(...page.page.map((row: { org: number }) => row.org));
    cursor = page.continueCursor;
    if (page.isDone) break;
  }
  return { orgs, reads };
}

describe('paginate: an in list on a field of the order', () => {
  it('orderBy (org, at) with org in 2,100 values reads the listed orgs, not the 300 rows before them', async () => {
    // 2,100 ranges on the first page, at most 2,101 on a later one: within the 4,000.
    const t = await backend(300);
    const org = { in: Array.from({ length: 2_100 }, (_, i) => i + 1) };
    const { orgs, reads } = await walk(t, {
      where: { org },
      orderBy: { org: 'asc', at: 'asc' },
      columns: { org: true },
    });
    expect(orgs).toEqual([1, 2, 3, 4, 5, 6]);
    // Narrowed by the list, a page reads at most the head of each listed range that has rows (6 rows), as before the planner charged k · d.
    expect(Math.max(...reads)).toBeLessThanOrEqual(6);
  }, 60_000);

  it('orderBy (org, at) with org in 1,400 values and status pinned is served by (org, status, at)', async () => {
    // 1,400 ranges on the first page, at most 1,402 on a later one; k · d = 4,200 is not what any page opens.
    const t = await backend(0);
    const org = { in: Array.from({ length: 1_400 }, (_, i) => i + 1) };
    const { orgs } = await walk(
      t,
      { where: { org, status: 'open' }, orderBy: { org: 'asc', at: 'asc' }, columns: { org: true } },
      'jobs',
    );
    expect(orgs).toEqual([2, 4, 6]);
  }, 60_000);
});

describe('paginate: an in list followed by a field pinned to one value', () => {
  it('org in 1,000 values and status pinned (default order): 1,000 ranges resumed into 2 each, not read as the whole table', async () => {
    // The planner charged the list as if the prefix ended at org (d = 3: status, at and _creationTime
    // left; a later page pinned by endCursor, 1,000 × (2d − 1) = 5,000), but status is pinned too
    // (d = 2): a later page opens at most 1,000 × 3 = 3,000.
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 300; i++) await ctx.db.insert('jobs', { org: 0, status: 'open', at: i });
      for (let i = 0; i < 6; i++) await ctx.db.insert('jobs', { org: 1 + i, status: 'open', at: i });
    });
    const org = { in: Array.from({ length: 1_000 }, (_, i) => i + 1) };
    const { orgs, reads } = await walk(t, { where: { org, status: 'open' }, columns: { org: true } }, 'jobs');
    expect(orgs.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Math.max(...reads)).toBeLessThanOrEqual(6);
  }, 60_000);
});
