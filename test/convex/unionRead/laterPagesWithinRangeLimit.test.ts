import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, text } from '../../../src/index';

// A page reads a union only when its later pages stay within the ranges a transaction reads too:
// a later page resumes each branch range after the cursor's key as one range per index field past
// its equalities (n, then _creationTime: 2 each), cut again at an endCursor. An OR of two 1,100-value
// lists opens 2,200 ranges on a first page and about 4,400 on a later one, so its pages read the
// single index read instead (evaluateIndex.ts resumedRanges, as a single index read plans for its
// later pages), and every page and each page pinned by its endCursor can be read.
const items = convexTable('items', { a: text(), b: text(), n: integer() }, (t) => [
  index('by_a_n').on(t.a, t.n),
  index('by_b_n').on(t.b, t.n),
  index('by_n').on(t.n),
]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

describe('union pages and the ranges their later pages open', () => {
  it('walks every page of an OR of two 1,100-value lists (first page fits, so later pages must too)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 6; i++) await ctx.db.insert('items', { a: `a${i}`, b: `b${i}`, n: i });
    });
    const as = Array.from({ length: 1100 }, (_, i) => `a${i}`);
    const bs = Array.from({ length: 1100 }, (_, i) => `b${i}`);
    const config = { where: { OR: [{ a: { in: as } }, { b: { in: bs } }] }, orderBy: { n: 'asc' } } as any;
    // Today the first page reads a union of 2,200 ranges (explain().read 'union'); a second cannot.
    const pages: number[][] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: any = await t.run((ctx: any) =>
        orm
          .db(ctx)
          .query.items.paginate({ numItems: 2, cursor }, config)
          .catch((error: any) => ({ error: `${error.code}: ${error.message}` })),
      );
      if (page.error) {
        pages.push([]);
        expect.soft(page.error, `page ${i}`).toBeUndefined();
        break;
      }
      pages.push(page.page.map((row: any) => row.n));
      cursor = page.continueCursor;
      if (page.isDone) break;
    }
    // Whatever the plan, the walk reaches the end.
    expect(pages.flat()).toEqual([0, 1, 2, 3, 4, 5]);
  }, 30_000);

  it('re-reads the first page pinned by its own endCursor (usePaginatedQuery, a caller keeping pages adjacent)', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 6; i++) await ctx.db.insert('items', { a: `a${i}`, b: `b${i}`, n: i });
    });
    const as = Array.from({ length: 1100 }, (_, i) => `a${i}`);
    const bs = Array.from({ length: 1100 }, (_, i) => `b${i}`);
    const config = { where: { OR: [{ a: { in: as } }, { b: { in: bs } }] }, orderBy: { n: 'asc' } } as any;
    const first: any = await t.run((ctx: any) =>
      orm.db(ctx).query.items.paginate({ numItems: 2, cursor: null }, config),
    );
    expect(first.page.map((row: any) => row.n)).toEqual([0, 1]);
    // Cut at the end key, each of the 2,200 ranges is read as one range per index field up to it.
    const pinned = await t.run((ctx: any) =>
      orm
        .db(ctx)
        .query.items.paginate({ numItems: 2, cursor: null, endCursor: first.continueCursor }, config)
        .then(
          (page: any) => page.page.map((row: any) => row.n),
          (error: any) => `${error.code}: ${error.message}`,
        ),
    );
    expect(pinned).toEqual([0, 1]);
  }, 30_000);
});
