import { describe, expect, it } from 'vitest';
import { createOrm } from '../../src/index';
import { introPosts, relations } from './searchFixture';

// Convex loads each search result by id, an index range of its own, so a search page spends one
// range per result it reads. A page stops early with SplitRequired where the transaction's read
// budget ends (docs/queries.md, "never past what the transaction's read budget has left"): it does
// so where the documents end (`transactionBudget: { documentsRead: 10 }`: 10 rows, SplitRequired);
// it must where the index ranges end too, rather than failing a page that has rows to return.
const search = { index: 'search_title', query: 'intro' } as const;
const config = { search, columns: { words: true } } as const;

const outcome = (promise: Promise<{ page: unknown[]; isDone: boolean; pageStatus?: string | null }>) =>
  promise.then(
    (page) => ({ rows: page.page.length, isDone: page.isDone, pageStatus: page.pageStatus ?? null }),
    (error: { code?: string; details?: { budget?: string } }) => ({ code: error.code, budget: error.details?.budget }),
  );

describe('a search page and the transaction budget', () => {
  it('splits where the index ranges left end, instead of throwing with rows in hand', async () => {
    const t = await introPosts(30);
    const tight = createOrm({ relations, transactionBudget: { indexRanges: 10 } });
    const page = await t.run((ctx) =>
      outcome(tight.db(ctx).query.posts.paginate({ numItems: 20, cursor: null }, config)),
    );
    // 10 ranges: about 10 results loaded by id, then the page ends with them.
    expect(page).toMatchObject({ isDone: false, pageStatus: 'SplitRequired' });
    expect((page as { rows: number }).rows).toBeGreaterThanOrEqual(9);
  });
});
