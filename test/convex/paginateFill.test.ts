import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { seededRandom } from '../seededRandom';
import { orm, type Row, schema } from './pagesFixture';

// Pages that fill (DESIGN.md section 14): `in` lists and same-field ORs read several index ranges
// merged in order, residual filters are applied in the fill loop, and a page holds `numItems` rows
// unless the data ends.

type Db = ReturnType<typeof orm.db>;
type Options = { numItems: number; cursor: string | null; endCursor?: string; maximumRowsRead?: number };

async function backend(rows: readonly Row[]) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of rows) await ctx.db.insert('items', row);
  });
  const page = (options: Options, config: object) =>
    t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.items.paginate(options, config as never);
      return { ...result, reads: { ...reads } };
    });
  const run = <R>(body: (db: Db) => Promise<R>) => t.run((ctx) => body(orm.db(ctx)));
  return { t, page, run };
}

const STATUSES = ['a', 'b', 'c', 'd'];
const ranked = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ status: STATUSES[i % 4]!, rank: i, flag: i % 3 === 0 }));

describe('paginate fills pages', () => {
  it('in over 3 values ordered by the next index field: full pages, reads = rows returned (one range per value)', async () => {
    const { page } = await backend(ranked(40));
    const config = { where: { status: { in: ['a', 'b', 'c'] } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 5, cursor: null }, config);
    expect(first.page.map((row: any) => row.rank)).toEqual([0, 1, 2, 4, 5]);
    // Each range is read only as far as the merge needs: 5 rows + the heads of the other ranges.
    expect(first.reads).toEqual({ documents: 7, ranges: 3 });
    const second = await page({ numItems: 5, cursor: first.continueCursor }, config);
    expect(second.page.map((row: any) => row.rank)).toEqual([6, 8, 9, 10, 12]);
    expect(second.isDone).toBe(false);
  });

  it('in over 3 values, 3 pages of 20 (the bench shape): each page reads its rows + one ahead per other range', async () => {
    const { page, run } = await backend(ranked(200));
    const config = { where: { status: { in: ['a', 'b', 'c'] } }, orderBy: { rank: 'desc' }, columns: { rank: true } };
    const pages = [];
    let cursor: string | null = null;
    for (let i = 0; i < 3; i++) {
      const next: any = await page({ numItems: 20, cursor }, config);
      pages.push(next);
      cursor = next.continueCursor;
    }
    // The first page opens one range per value; a later one two per value (the ties on the cursor's
    // rank, then past it: withIndex cannot bound (rank, _creationTime) together).
    expect(pages.map((p) => p.reads)).toEqual([
      { documents: 22, ranges: 3 },
      { documents: 22, ranges: 6 },
      { documents: 22, ranges: 6 },
    ]);
    const all = await run((db) => db.query.items.findMany(config as never));
    expect(pages.flatMap((p) => p.page)).toEqual(all.slice(0, 60));
  });

  it('a residual filter is applied in the fill loop: numItems rows that pass per page', async () => {
    const { page } = await backend(ranked(40));
    const config = {
      where: { OR: [{ status: 'a' }, { status: 'd' }], flag: true },
      orderBy: { rank: 'desc' },
      columns: { rank: true },
    };
    const first = await page({ numItems: 3, cursor: null }, config);
    expect(first.page.map((row: any) => row.rank)).toEqual([39, 36, 27]);
    // Rows read until 3 pass (39, 36, then 35, 32, 31, 28 fail, 27), and the other range's head: one range each.
    expect(first.reads).toMatchObject({ documents: 8, ranges: 2 });
    const second = await page({ numItems: 3, cursor: first.continueCursor }, config);
    expect(second.page.map((row: any) => row.rank)).toEqual([24, 15, 12]);
    // A later page resumes each range after the cursor as d = 2 ranges (rank ties, then past it).
    expect(second.reads).toMatchObject({ documents: 8, ranges: 4 });
    const third = await page({ numItems: 3, cursor: second.continueCursor }, config);
    expect(third).toMatchObject({ page: [{ rank: 3 }, { rank: 0 }], isDone: true });
  });

  it('maximumRowsRead stops a page early with SplitRequired and a splitCursor, and the next page goes on', async () => {
    const { page } = await backend(ranked(40));
    const config = { where: { status: 'a', flag: true }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    // status a: ranks 0, 4, 8, ...; flag on ranks divisible by 3: 0, 12, 24, 36. 4 rows read: 0 to 12.
    const first = await page({ numItems: 3, cursor: null, maximumRowsRead: 4 }, config);
    expect(first).toMatchObject({ page: [{ rank: 0 }, { rank: 12 }], isDone: false, pageStatus: 'SplitRequired' });
    expect(first.reads.documents).toBe(4);
    expect(typeof first.splitCursor).toBe('string');
    // The split halves of the page hold what the page held.
    const half = await page({ numItems: 3, cursor: null, endCursor: first.splitCursor! }, config);
    const otherHalf = await page({ numItems: 3, cursor: first.splitCursor!, endCursor: first.continueCursor }, config);
    expect([...half.page, ...otherHalf.page]).toEqual(first.page);
    const next = await page({ numItems: 3, cursor: first.continueCursor }, config);
    expect(next.page).toEqual([{ rank: 24 }, { rank: 36 }]);
    expect(next.isDone).toBe(true);
  });

  it('the scan budget stops a page early the same way, instead of throwing', async () => {
    const { page } = await backend(ranked(40));
    const config = { where: { status: 'a', flag: true }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 3, cursor: null }, { ...config, scanBudget: 5 });
    expect(first).toMatchObject({ page: [{ rank: 0 }, { rank: 12 }], isDone: false, pageStatus: 'SplitRequired' });
    expect(first.reads.documents).toBe(5);
  });

  it('pages re-run with an explicit endCursor (the caller pins them; usePaginatedQuery re-runs send none) stay adjacent when rows are inserted and deleted', async () => {
    const { t, page } = await backend(ranked(24));
    const config = { where: { status: { in: ['b', 'c'] } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 3, cursor: null }, config);
    const second = await page({ numItems: 3, cursor: first.continueCursor }, config);
    expect([first.page, second.page].map((rows) => rows.map((row: any) => row.rank))).toEqual([
      [1, 2, 5],
      [6, 9, 10],
    ]);
    await t.run(async (ctx) => {
      for (const row of [
        { status: 'c', rank: 3, flag: false },
        { status: 'b', rank: 7, flag: false },
        { status: 'b', rank: 30, flag: false },
      ]) {
        await ctx.db.insert('items', row);
      }
      const deleted = await ctx.db
        .query('items')
        .withIndex('by_status_rank', (q) => q.eq('status', 'b').eq('rank', 5))
        .unique();
      await ctx.db.delete(deleted!._id);
    });
    const firstAgain = await page({ numItems: 3, cursor: null, endCursor: first.continueCursor }, config);
    const secondAgain = await page(
      { numItems: 3, cursor: first.continueCursor, endCursor: second.continueCursor },
      config,
    );
    expect(firstAgain.continueCursor).toBe(first.continueCursor);
    expect(secondAgain.continueCursor).toBe(second.continueCursor);
    expect([firstAgain.page, secondAgain.page].map((rows) => rows.map((row: any) => row.rank))).toEqual([
      [1, 2, 3],
      [6, 7, 9, 10],
    ]);
    const third = await page({ numItems: 3, cursor: second.continueCursor }, config);
    expect(third.page.map((row: any) => row.rank)).toEqual([13, 14, 17]);
  });

  it('fuzz: every page full but the last, all pages together = findMany (random in / OR / ne / notIn / residual filters)', async () => {
    const next = seededRandom(20261203);
    const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
    const rows: Row[] = Array.from({ length: 120 }, () => {
      const rank = pick([undefined, null, ...Array.from({ length: 12 }, (_, i) => i)]);
      return { status: pick(STATUSES), flag: next() < 0.5, ...(rank === undefined ? {} : { rank }) };
    });
    const { page, run } = await backend(rows);
    for (let round = 0; round < 40; round++) {
      const values = STATUSES.filter(() => next() < 0.6);
      const statuses = values.length ? values : ['b'];
      const status = next() < 0.5 ? { status: { in: statuses } } : { OR: statuses.map((value) => ({ status: value })) };
      const residual = pick([
        {},
        { flag: true },
        { rank: { gt: 4 } },
        { flag: false, rank: { lte: 7 } },
        // The complements: several intervals of rank under each status.
        { rank: { ne: 5 } },
        { rank: { notIn: [2, 6, 9] } },
      ]);
      const orderBy = pick([{ rank: 'asc' }, { rank: 'desc' }, undefined]);
      const config = { where: { ...status, ...residual }, ...(orderBy ? { orderBy } : {}) };
      const numItems = 1 + Math.floor(next() * 7);
      const expected = await run((db) => db.query.items.findMany(config as never));
      const pages: unknown[][] = [];
      let cursor: string | null = null;
      for (let guard = 0; guard < 200; guard++) {
        const result: { page: unknown[]; isDone: boolean; continueCursor: string } = await page(
          { numItems, cursor },
          config,
        );
        pages.push(result.page);
        cursor = result.continueCursor;
        if (result.isDone) break;
      }
      const label = JSON.stringify({ round, config, numItems });
      expect(pages.flat(), label).toEqual(expected);
      expect(
        pages.slice(0, -1).every((rows) => rows.length === numItems),
        label,
      ).toBe(true);
    }
  });
});
