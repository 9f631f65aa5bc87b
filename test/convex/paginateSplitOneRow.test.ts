import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, type Row, schema } from './pagesFixture';

// usePaginatedQuery (convex/react) splits a SplitRequired page only when it has a splitCursor; without one
// it shows nothing from that page on and stays 'LoadingMore' (use_paginated_query.ts: "if (currResult.splitCursor
// && (... 'SplitRequired' ...)) splitQuery(...)"; then "if (currResult.pageStatus === 'SplitRequired') return
// [allItems, undefined, undefined]"). docs/queries.md: a page that stops early comes back with
// `pageStatus: 'SplitRequired'`, "a splitCursor halfway through the rows it read".
const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ status: 'a', rank: i, flag: true }));

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of rows) await ctx.db.insert('items', row);
  });
  const page = (options: object, config: object) =>
    t.run((ctx) => orm.db(ctx).query.items.paginate(options as never, config as never)) as Promise<any>;
  return page;
}

describe('a page split after one row read', () => {
  it("one range, no residual (Convex's .paginate()): the SplitRequired page has a splitCursor, as the ORM's own pages do", async () => {
    const page = await backend();
    const options = { numItems: 3, cursor: null, maximumRowsRead: 1 };
    // The same read with a residual filter that keeps every row: the ORM's own loop.
    const own = await page(options, { where: { status: 'a', flag: true }, orderBy: { rank: 'asc' } });
    expect(own).toMatchObject({ pageStatus: 'SplitRequired', isDone: false });
    expect(own.page).toHaveLength(1);
    expect(typeof own.splitCursor).toBe('string');

    const convex = await page(options, { where: { status: 'a' }, orderBy: { rank: 'asc' } });
    expect(convex).toMatchObject({ pageStatus: 'SplitRequired', isDone: false });
    expect(convex.page).toHaveLength(1);
    expect(typeof convex.splitCursor).toBe('string');
    // The halves usePaginatedQuery loads instead: the row read, then nothing up to where the page stopped.
    const config = { where: { status: 'a' }, orderBy: { rank: 'asc' } };
    const first = await page({ numItems: 3, cursor: null, endCursor: convex.splitCursor }, config);
    expect(first.page.map((row: Row) => row.rank)).toEqual([0]);
    const second = await page({ numItems: 3, cursor: convex.splitCursor, endCursor: convex.continueCursor }, config);
    expect(second.page).toEqual([]);
  });
});
