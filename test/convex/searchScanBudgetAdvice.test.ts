// A search whose residual `where` (a field that is no filter field of the search index) passes the
// scan budget gets the advice that narrows a search (filter-field equalities, more specific text)
// and names its search index, not "narrow the filter with an indexed field": an index on that field
// changes nothing for a search, which reads only its search index.
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

describe('scan budget error of a search', () => {
  it('advises narrowing the search, not adding an index', async () => {
    const t = await introPosts(12);
    const error = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.posts.findMany({
          search: { index: 'search_title', query: 'intro' },
          where: { words: { gt: 100 } },
          scanBudget: 3,
        })
        .then(
          () => null,
          (e: any) => ({ code: e.code, message: String(e.message) }),
        ),
    );
    expect(error?.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(error?.message).toContain('search_title');
    expect(error?.message).not.toContain('narrow the filter with an indexed field');
  });
});
