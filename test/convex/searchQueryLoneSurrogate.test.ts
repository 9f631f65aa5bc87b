import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

// Convex stores and exchanges strings as UTF-8, which cannot hold an unpaired UTF-16 surrogate: the
// ORM refuses such a string wherever it hands one to Convex (a where operand, a vector filter value,
// a written value) with its typed error instead of Convex's own. A search's text goes to Convex too
// (`withSearchIndex(...).search(field, text)`), and a lone surrogate is what a search box truncated
// mid-emoji sends (`input.slice(0, 20)`): it must be the typed error before any read, not a query
// Convex fails (convex-test, which does not encode strings, returns matches instead).
describe('a search text with an unpaired surrogate', () => {
  it('is INVALID_QUERY before any read, as a where operand with one is INVALID_FILTER', async () => {
    const t = await introPosts(3);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const reason = (promise: Promise<unknown[]>) =>
        promise.then(
          (rows) => ({ rows: rows.length }),
          (error: { code?: string }) => ({ code: error.code }),
        );
      const where = await reason(orm.db(ctx).query.posts.findMany({ where: { title: 'intro \ud83d' } }));
      const search = await reason(
        orm.db(ctx).query.posts.findMany({ search: { index: 'search_title', query: 'intro \ud83d' } }),
      );
      return { where, search, reads: { ...reads } };
    });
    expect(out.where).toEqual({ code: 'INVALID_FILTER' });
    expect(out.search).toEqual({ code: 'INVALID_QUERY' });
    expect(out.reads).toEqual({ documents: 0, ranges: 0 });
  });
});
