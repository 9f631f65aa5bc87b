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
      const db = orm.db(ctx);
      const search = { index: 'search_title', query: 'intro \ud83d' } as const;
      return {
        where: await reason(db.query.posts.findMany({ where: { title: 'intro \ud83d' } })),
        search: await reason(db.query.posts.findMany({ search })),
        page: await reason(
          db.query.posts.paginate({ numItems: 2, cursor: null }, { search }).then((page) => page.page),
        ),
        prepared: await reason(orm.query.posts.findMany({ search }).prepare().execute(ctx)),
        // A search's filter-field equality is a where operand, checked as one.
        filterField: await reason(
          db.query.posts.findMany({ search: { ...search, query: 'intro' }, where: { status: 'draft \ud83d' } }),
        ),
        reads: { ...reads },
      };
    });
    expect(out).toEqual({
      where: { code: 'INVALID_FILTER' },
      search: { code: 'INVALID_QUERY' },
      page: { code: 'INVALID_QUERY' },
      prepared: { code: 'INVALID_QUERY' },
      filterField: { code: 'INVALID_FILTER' },
      reads: { documents: 0, ranges: 0 },
    });
  });
});
