// The scan budget counts each document a merge of index ranges reads once: a findMany
// over an in-list whose rows fit the budget runs, and one over ranges that hold nothing reads
// nothing and returns []. (A fix that counted a merge's read-ahead up front counted those rows
// twice and refused both.)
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './pagesFixture';

it('a findMany over an in-list of 3 values reading 9 documents fits scanBudget 10', async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 9; i++) await ctx.db.insert('items', { status: `s${i % 3}`, rank: i, flag: false });
  });
  const result = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      const rows = await orm.db(ctx).query.items.findMany({
        where: { status: { in: ['s0', 's1', 's2'] } },
        orderBy: { rank: 'asc' },
        scanBudget: 10,
      });
      return { rows: rows.length, documents: reads.documents };
    } catch (error) {
      return { code: (error as { code?: string }).code, documents: reads.documents };
    }
  });
  expect(result).toEqual({ rows: 9, documents: 9 });
});

// Same root cause: the hold counts k - 1 documents whether or not the ranges hold any. On an empty
// table (or ranges with few rows) an in-list of 12 values under scanBudget 10 reads no document at
// all, yet is SCAN_BUDGET_EXCEEDED. docs/queries.md: "A query reads at most its budget, and one read
// more when that read finds it spent: that one throws"; here no read finds anything.
it('a findMany over an in-list of 12 values on an empty table reads nothing and returns []', async () => {
  const t = convexTest(schema, modules);
  const result = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      const rows = await orm.db(ctx).query.items.findMany({
        where: { status: { in: Array.from({ length: 12 }, (_, i) => `s${i}`) } },
        orderBy: { rank: 'asc' },
        scanBudget: 10,
      });
      return { rows: rows.length, documents: reads.documents };
    } catch (error) {
      return { code: (error as { code?: string }).code, documents: reads.documents };
    }
  });
  expect(result).toEqual({ rows: 0, documents: 0 });
});

it('a page of 9 over an in-list of 3 values holding 9 rows is full under scanBudget 10', async () => {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 9; i++) await ctx.db.insert('items', { status: `s${i % 3}`, rank: i, flag: false });
  });
  const page = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await orm
      .db(ctx)
      .query.items.paginate(
        { numItems: 9, cursor: null },
        { where: { status: { in: ['s0', 's1', 's2'] } }, orderBy: { rank: 'asc' }, scanBudget: 10 },
      );
    return { rows: result.page.map((row) => row.rank), isDone: result.isDone, documents: reads.documents };
  });
  // Full (a full page is not known to be the last, as in Convex).
  expect(page).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6, 7, 8], isDone: false, documents: 9 });
});
