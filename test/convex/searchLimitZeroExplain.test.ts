import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

// explain() describes what runs. `limit: 0` reads nothing: without search explain() says
// `read: 'none'`; with search the query reads nothing either, yet explain() says it runs a search.
describe('explain() of a search with limit: 0', () => {
  it("says read: 'none', as the query reads nothing", async () => {
    const t = await introPosts(3);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.posts.findMany({ search: { index: 'search_title', query: 'intro' }, limit: 0 });
      const rows = await query;
      return {
        rows,
        reads: { ...reads },
        plain: orm.db(ctx).query.posts.findMany({ limit: 0 }).explain().read,
        search: query.explain().read,
      };
    });
    expect(out.rows).toEqual([]);
    expect(out.reads).toEqual({ documents: 0, ranges: 0 });
    expect(out.plain).toBe('none');
    expect(out.search).toBe('none');
  });
});
