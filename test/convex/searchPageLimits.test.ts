import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

// A search page resumes by counting results, so it reads the results of the pages before it
// again: they count against its read limits (maximumRowsRead, the scan budget), like any row read.
const search = { index: 'search_title', query: 'intro' } as const;
type Options = { numItems: number; cursor: string | null; maximumRowsRead?: number };

function pager(t: Awaited<ReturnType<typeof introPosts>>, config: object) {
  return (options: Options) =>
    t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      return orm
        .db(ctx)
        .query.posts.paginate(options, config as never)
        .then(
          (page) => ({
            words: page.page.map((row) => (row as { words: number }).words),
            isDone: page.isDone,
            pageStatus: page.pageStatus ?? null,
            continueCursor: page.continueCursor,
            reads: { ...reads },
          }),
          (error: { code: string; message: string }) => ({
            code: error.code,
            message: error.message,
            reads: { ...reads },
          }),
        );
    });
}

describe('search pages and their read limits', () => {
  it('a later page stops with SplitRequired at the scan budget, counting the results it reads again', async () => {
    const t = await introPosts(12);
    const page = pager(t, { search, where: { words: { gte: 0 } }, scanBudget: 5 });
    const first = (await page({ numItems: 3, cursor: null })) as { words: number[]; continueCursor: string };
    expect(first.words).toHaveLength(3);
    // 3 results read again, then 2 new ones: the budget of 5.
    const second = await page({ numItems: 3, cursor: first.continueCursor });
    expect(second).toMatchObject({ pageStatus: 'SplitRequired', isDone: false, reads: { documents: 5 } });
    expect((second as { words: number[] }).words).toHaveLength(2);
    // The next page would read 5 results again before a new one: a typed error before any read.
    const third = await page({ numItems: 3, cursor: (second as { continueCursor: string }).continueCursor });
    expect(third).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', reads: { documents: 0 } });
    expect((third as { message: string }).message).toMatch(/reads the results of the pages before it again/);
  });

  it('maximumRowsRead bounds everything a later page reads, the results before it included', async () => {
    const t = await introPosts(12);
    const page = pager(t, { search });
    const first = (await page({ numItems: 4, cursor: null })) as { continueCursor: string };
    const second = await page({ numItems: 4, cursor: first.continueCursor, maximumRowsRead: 6 });
    expect(second).toMatchObject({ pageStatus: 'SplitRequired', reads: { documents: 6 } });
    expect((second as { words: number[] }).words).toHaveLength(2);
    const refused = await page({ numItems: 4, cursor: first.continueCursor, maximumRowsRead: 4 });
    expect(refused).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', reads: { documents: 0 } });
  });

  it('pages within the limits read the earlier results again and return the next ones', async () => {
    const t = await introPosts(7);
    const page = pager(t, { search });
    const words: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const result = (await page({ numItems: 3, cursor })) as {
        words: number[];
        isDone: boolean;
        continueCursor: string;
      };
      words.push(...result.words);
      cursor = result.continueCursor;
      if (result.isDone) break;
    }
    expect(words.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('a search cursor is refused by another search (text, index filters) of the same table: INVALID_QUERY', async () => {
    const t = await introPosts(6);
    const first = (await pager(t, { search })({ numItems: 2, cursor: null })) as { continueCursor: string };
    const other = await pager(t, { search: { ...search, query: 'intro 5' } })({
      numItems: 2,
      cursor: first.continueCursor,
    });
    const filtered = await pager(t, { search, where: { status: 'published' } })({
      numItems: 2,
      cursor: first.continueCursor,
    });
    expect([other, filtered]).toMatchObject([{ code: 'INVALID_QUERY' }, { code: 'INVALID_QUERY' }]);
    expect(await pager(t, { search })({ numItems: 2, cursor: first.continueCursor })).toMatchObject({ words: [2, 3] });
  });
});
