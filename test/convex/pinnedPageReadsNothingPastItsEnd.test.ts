import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm as itemsOrm, schema as itemsSchema, type Row } from './pagesFixture';
import { introPosts, orm } from './searchFixture';

// A page given `endCursor` is pinned: it holds every row up to that position (docs/queries.md,
// "Pinned pages"), and one the scan budget or the transaction's limits cannot read whole throws
// SCAN_BUDGET_EXCEEDED. convex-helpers' usePaginatedQuery (which the docs recommend) re-issues every
// page but the last pinned to its own continueCursor, so such a page must hold the same rows and read
// no more documents. The fill loop (src/query/paginate.ts, fillPage) learned that a pinned page had
// ended by reading the row after its end, charged to the scan budget and the transaction: a page that
// fit its budget unpinned failed pinned, and a search page ending at Convex's 1,024th result asked
// for the 1,025th, which Convex refuses. Convex's own `.paginate({ endCursor })` bounds its read at
// the end. Now the index ranges are cut at the end's key (src/query/indexKey.ts, chainsUpTo: in-list
// merges and resumed chains included), and a search stops at the end's count (src/query/pageSource.ts).

type Options = { numItems: number; cursor: string | null; endCursor?: string };
type Outcome =
  | { words: number[]; continueCursor: string; documents: number; ranges: number }
  | { code: string; budget: unknown; documents: number };

function pager(t: Awaited<ReturnType<typeof introPosts>>, config: object) {
  return (options: Options) =>
    t.run(async (raw): Promise<Outcome> => {
      const { ctx, reads } = countReads(raw);
      return orm
        .db(ctx)
        .query.posts.paginate(options, config as never)
        .then(
          (result) => ({
            words: result.page.map((row) => (row as { words: number }).words),
            continueCursor: result.continueCursor,
            documents: reads.documents,
            ranges: reads.ranges,
          }),
          (error: { code: string; details?: { budget?: unknown } }) => ({
            code: error.code,
            budget: error.details?.budget,
            documents: reads.documents,
          }),
        );
    });
}

describe('a page pinned to its own continueCursor', () => {
  for (const [name, config, ranges] of [
    // A search loads each result by id, a range each.
    [
      'a search page',
      { search: { index: 'search_title', query: 'intro' }, scanBudget: 5, columns: { words: true } },
      5,
    ],
    // by_creation_time, one range (the residual filter keeps it off Convex's .paginate()).
    [
      'an index page with a residual filter',
      { where: { status: 'published' }, scanBudget: 5, columns: { words: true } },
      1,
    ],
  ] as const) {
    it(`${name}: reads no row past its end, so a page that fit the scan budget unpinned fits it pinned`, async () => {
      const t = await introPosts(12);
      const page = pager(t, config);
      // Unpinned: 5 rows, 5 documents read, within the scan budget of 5.
      const first = await page({ numItems: 5, cursor: null });
      expect(first).toMatchObject({ words: [0, 1, 2, 3, 4], documents: 5, ranges });
      const { continueCursor } = first as { continueCursor: string };
      // Pinned to where it ended: the same rows, the same reads (it read a 6th document: SCAN_BUDGET_EXCEEDED).
      const pinned = await page({ numItems: 5, cursor: null, endCursor: continueCursor });
      expect(pinned).toEqual({ words: [0, 1, 2, 3, 4], continueCursor, documents: 5, ranges });
    });
  }

  it("a search page ending at Convex's 1,024th result: pinned, it does not ask for the 1,025th", async () => {
    // "intro 0" … "intro 1029", which convex-test returns in that order; words >= 1014 keeps results
    // 1,015 … 1,024 (and 1,025 … 1,030, past the 1,024 Convex hands over).
    const t = await introPosts(1_030);
    const page = pager(t, {
      search: { index: 'search_title', query: 'intro' },
      where: { words: { gte: 1_014 } },
      columns: { words: true },
    });
    const rows = [1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023];
    // Unpinned: full at the 1,024th result.
    const first = await page({ numItems: 10, cursor: null });
    expect(first).toMatchObject({ words: rows, documents: 1_024, ranges: 1_024 });
    const { continueCursor } = first as { continueCursor: string };
    // Pinned: it threw SCAN_BUDGET_EXCEEDED (budget 'searchResults'), asking for a result past its end.
    const pinned = await page({ numItems: 10, cursor: null, endCursor: continueCursor });
    expect(pinned).toEqual({ words: rows, continueCursor, documents: 1_024, ranges: 1_024 });
  }, 120_000);
});

// Index ranges merged (an `in` list) and resumed after a cursor (a chain of ranges each): cut at the
// end's key, every range ends at the end, the merge's read-ahead in the other ranges included.
describe('a merged, resumed index page pinned by endCursor', () => {
  // Ranks tied within a status and across the two: rank ⌊i / 4⌋, statuses a, b, a, b.
  const rows: Row[] = Array.from({ length: 12 }, (_, i) => ({
    status: i % 2 ? 'b' : 'a',
    rank: Math.floor(i / 4),
    flag: true,
  }));

  async function pages(order: 'asc' | 'desc', where: object) {
    const t = convexTest(itemsSchema, modules);
    await t.run(async (ctx) => {
      for (const row of rows) await ctx.db.insert('items', row);
    });
    const config = { where, orderBy: { rank: order }, columns: { rank: true, status: true } };
    return (options: Options) =>
      t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const result = await itemsOrm.db(ctx).query.items.paginate(options, config as never);
        return { ...result, reads: { ...reads } };
      });
  }

  it('reads exactly the rows of the page: no read-ahead past the end, at the cost of the ranges cut at it', async () => {
    const page = await pages('asc', { status: { in: ['a', 'b'] } });
    const first = await page({ numItems: 3, cursor: null });
    const second = await page({ numItems: 3, cursor: first.continueCursor });
    // Unpinned, the merge reads one row ahead in the other range: 4 documents; each range resumes as
    // 2 (the rank tied with the cursor, then past it).
    expect(second.reads).toEqual({ documents: 4, ranges: 4 });
    const pinned = await page({ numItems: 3, cursor: first.continueCursor, endCursor: second.continueCursor });
    expect(pinned.page).toEqual(second.page);
    // Pinned: the 3 rows alone; each range resumes as 2 and the second of those is cut at the end's
    // key into 2 more (ranks before it, then its rank up to its creation time): 3 a range.
    expect(pinned.reads).toEqual({ documents: 3, ranges: 6 });
  });

  it('one range: the rows of the page, in d ranges on a first page and up to 2d − 1 on a later one (d = 2: rank, _creationTime)', async () => {
    const page = await pages('asc', { status: 'a' });
    // Ranks of status a: 0, 0 | 1, 1 | 2, 2. Unpinned, each is Convex's .paginate(): 1 range.
    const first = await page({ numItems: 2, cursor: null });
    const second = await page({ numItems: 2, cursor: first.continueCursor });
    expect([first.reads, second.reads]).toEqual([
      { documents: 2, ranges: 1 },
      { documents: 2, ranges: 1 },
    ]);
    // Pinned, by index key: ranks before the end's, then its rank up to its creation time; a later
    // page reads its cursor's rank past its creation time first, then the ranks up to the end's.
    const firstPinned = await page({ numItems: 2, cursor: null, endCursor: first.continueCursor });
    const secondPinned = await page({ numItems: 2, cursor: first.continueCursor, endCursor: second.continueCursor });
    expect([firstPinned.page, secondPinned.page]).toEqual([first.page, second.page]);
    expect([firstPinned.reads, secondPinned.reads]).toEqual([
      { documents: 2, ranges: 2 },
      { documents: 2, ranges: 3 },
    ]);
  });

  for (const [name, order, where] of [
    ['an in list, ascending', 'asc', { status: { in: ['a', 'b'] } }],
    ['an in list, descending', 'desc', { status: { in: ['a', 'b'] } }],
    ['one status, rank ne 1 (two intervals)', 'asc', { status: 'a', rank: { ne: 1 } }],
    ['one status, descending', 'desc', { status: 'b' }],
  ] as const) {
    it(`${name}: every page re-read pinned to its own continueCursor holds its rows and reads only them`, async () => {
      const page = await pages(order, where);
      let cursor: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const unpinned = await page({ numItems: 2, cursor });
        const pinned = await page({ numItems: 2, cursor, endCursor: unpinned.continueCursor });
        expect(pinned.page).toEqual(unpinned.page);
        expect(pinned.reads.documents).toBe(unpinned.page.length);
        cursor = unpinned.continueCursor;
        if (unpinned.isDone) break;
      }
      expect(cursor).not.toBeNull();
    });
  }
});
