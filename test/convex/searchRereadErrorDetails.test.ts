/**
 * A later search page whose earlier results alone reach a read limit is refused with
 * SCAN_BUDGET_EXCEEDED naming that limit in `details` (`budget`, `limit`), as every other budget
 * error does (docs/queries.md, Limits): a caller that switches on `details.budget` (raise
 * scanBudget vs. narrow the search) gets `'scanBudget'` here, not undefined.
 */
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

describe('a search page refused for rereading past the scan budget', () => {
  it('names the budget in details, as every other SCAN_BUDGET_EXCEEDED does', async () => {
    const t = await introPosts(12);
    const config = { search: { index: 'search_title', query: 'intro' }, scanBudget: 5 } as const;
    const first = await t.run((ctx) => orm.db(ctx).query.posts.paginate({ numItems: 3, cursor: null }, config));
    const second = await t.run((ctx) =>
      orm.db(ctx).query.posts.paginate({ numItems: 3, cursor: first.continueCursor }, config),
    );
    // 3 earlier results read again, then 2 new: the budget of 5.
    expect(second.page).toHaveLength(2);
    const error = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.posts.paginate({ numItems: 3, cursor: second.continueCursor }, config)
        .then(
          () => null,
          (e: { code: string; details?: unknown }) => ({ code: e.code, details: e.details }),
        ),
    );
    expect(error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'scanBudget', limit: 5 } });
  });
});
