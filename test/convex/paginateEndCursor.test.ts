import { createOrm } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { CURSOR_SECRET } from './cursorSecret';
import { orm, type Row, relations, schema } from './pagesFixture';

// Real Convex (crates/database/src/query/index_range.rs, IndexRange::start_next): "If we have an
// end cursor, for correctness we need to process the entire interval, so ignore
// `maximum_rows_read` and `maximum_bytes_read`", and read_page_from_query
// (crates/isolate/src/environment/udf/async_syscall.rs) returns `end_cursor` as the page's cursor
// whenever one is given (`end_cursor.or_else(|| query.cursor())`), even on SplitRequired.
// usePaginatedQuery splits a SplitRequired page into [cursor, splitCursor] and
// [splitCursor, continueCursor] (npm-packages/convex/src/react/use_paginated_query.ts splitQuery),
// so a pinned page whose continueCursor fell short of its endCursor would drop the rows in between.
// A pinned page is therefore read whole, whatever the maximums, or fails with the typed error.

const STATUSES = ['a', 'b', 'c', 'd'];
const ranked = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ status: STATUSES[i % 4]!, rank: i, flag: i % 3 === 0 }));
type Options = { numItems: number; cursor: string | null; endCursor?: string; maximumRowsRead?: number };

async function backend(rows: readonly Row[], through = orm) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of rows) await ctx.db.insert('items', row);
  });
  const page = (options: Options, config: object) =>
    t.run(async (ctx) => through.db(ctx).query.items.paginate(options, config as never) as Promise<any>);
  return { t, page };
}

const ranks = (page: { page: { rank: number }[] }) => page.page.map((row) => row.rank);

describe('pages pinned by endCursor', () => {
  it('a page with endCursor returns endCursor as its continueCursor even when maximumRowsRead would cut it (Convex ignores the maximum there)', async () => {
    const { page } = await backend(ranked(40));
    // A residual filter: the ORM's own fill loop, not Convex's .paginate().
    const config = {
      where: { status: { in: ['a', 'b'] }, flag: true },
      orderBy: { rank: 'asc' },
      columns: { rank: true },
    };
    const first = await page({ numItems: 4, cursor: null }, config);
    expect(first.isDone).toBe(false);
    // The server function adds maximumRowsRead (a documented Convex pattern); the client splits with endCursor.
    const pinned = await page(
      { numItems: 4, cursor: null, endCursor: first.continueCursor, maximumRowsRead: 3 },
      config,
    );
    expect(pinned.continueCursor).toBe(first.continueCursor);
    expect(pinned.page).toEqual(first.page);
    expect(pinned.pageStatus).toBeUndefined();
  });

  it('one range (Convex .paginate() cursors): a pinned page is read whole whatever maximumRowsRead says', async () => {
    const { page } = await backend(ranked(40));
    const config = { where: { status: 'b' }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 4, cursor: null }, config);
    const second = await page({ numItems: 4, cursor: first.continueCursor }, config);
    expect([ranks(first), ranks(second)]).toEqual([
      [1, 5, 9, 13],
      [17, 21, 25, 29],
    ]);
    // convex-test applies maximumRowsRead to a page with an endCursor; real Convex does not. The ORM reads
    // pinned pages itself, so both behave as Convex does.
    const again = await page(
      { numItems: 4, cursor: first.continueCursor, endCursor: second.continueCursor, maximumRowsRead: 2 },
      config,
    );
    expect(again).toMatchObject({ isDone: false, continueCursor: second.continueCursor });
    expect(ranks(again)).toEqual([17, 21, 25, 29]);
  });

  it('the split halves of a SplitRequired page hold its rows when the server function always passes maximumRowsRead', async () => {
    const { page } = await backend(ranked(40));
    const config = { where: { status: { in: ['a', 'c'] } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 10, cursor: null, maximumRowsRead: 6 }, config);
    expect(first.pageStatus).toBe('SplitRequired');
    const half = await page({ numItems: 10, cursor: null, endCursor: first.splitCursor, maximumRowsRead: 2 }, config);
    const otherHalf = await page(
      { numItems: 10, cursor: first.splitCursor, endCursor: first.continueCursor, maximumRowsRead: 2 },
      config,
    );
    expect([...ranks(half), ...ranks(otherHalf)]).toEqual(ranks(first));
    expect(otherHalf.continueCursor).toBe(first.continueCursor);
  });

  it('a pinned page the scan budget cannot read whole throws SCAN_BUDGET_EXCEEDED instead of coming back short', async () => {
    const { page } = await backend(ranked(40));
    const config = { where: { status: { in: ['a', 'b'] } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 8, cursor: null }, config);
    await expect(
      page({ numItems: 4, cursor: null, endCursor: first.continueCursor }, { ...config, scanBudget: 5 }),
    ).rejects.toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED' });
  });

  it('sealed cursors: a pinned page returns the endCursor it was given', async () => {
    const sealed = createOrm({ relations, cursorSecret: CURSOR_SECRET });
    const { page } = await backend(ranked(40), sealed);
    const config = {
      where: { status: { in: ['a', 'b'] }, flag: true },
      orderBy: { rank: 'asc' },
      columns: { rank: true },
    };
    const first = await page({ numItems: 3, cursor: null }, config);
    const pinned = await page(
      { numItems: 3, cursor: null, endCursor: first.continueCursor, maximumRowsRead: 1 },
      config,
    );
    expect(pinned).toMatchObject({ page: first.page, continueCursor: first.continueCursor, isDone: false });
  });
});

// Convex's usePaginatedQuery sends endCursor only for the halves of a split: a reactive re-run sends
// { numItems, cursor } again, and the backend pins the page's end from the query journal
// (`provider.prev_journal.end_cursor` in query_page), which only a native `.paginate()` gets. A page
// the ORM fills itself (in lists, same-field OR, residual filters, rules, search, a second page in one
// function) is not pinned across re-runs: its end moves with the data, and the ORM cannot change that.
describe('re-runs of pages the ORM fills', () => {
  it('are not pinned without endCursor (explain says so): after an insert a row can fall between pages; an explicit endCursor keeps them adjacent', async () => {
    const { t, page } = await backend(ranked(24));
    const config = { where: { status: { in: ['b', 'c'] } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const explained = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.items.paginate({ numItems: 3, cursor: null }, config as never)
        .explain(),
    );
    expect(explained.page).toContain('not pinned across re-runs');
    const first = await page({ numItems: 3, cursor: null }, config);
    const second = await page({ numItems: 3, cursor: first.continueCursor }, config);
    expect([ranks(first), ranks(second)]).toEqual([
      [1, 2, 5],
      [6, 9, 10],
    ]);
    await t.run(async (ctx) => {
      await ctx.db.insert('items', { status: 'c', rank: 3, flag: false });
    });
    // What usePaginatedQuery re-runs: the same { numItems, cursor }. The first page now ends at 3, the
    // second still starts after 5: row 5 is shown on neither.
    const firstAgain = await page({ numItems: 3, cursor: null }, config);
    const secondAgain = await page({ numItems: 3, cursor: first.continueCursor }, config);
    expect([ranks(firstAgain), ranks(secondAgain)]).toEqual([
      [1, 2, 3],
      [6, 9, 10],
    ]);
    // Pinned by the caller (each page with the next page's cursor as endCursor), the pages stay adjacent.
    const firstPinned = await page({ numItems: 3, cursor: null, endCursor: first.continueCursor }, config);
    const secondPinned = await page(
      { numItems: 3, cursor: first.continueCursor, endCursor: second.continueCursor },
      config,
    );
    expect([ranks(firstPinned), ranks(secondPinned)]).toEqual([
      [1, 2, 3, 5],
      [6, 9, 10],
    ]);
    expect(firstPinned.continueCursor).toBe(first.continueCursor);
  });
});
