import { sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

const search = { index: 'search_title', query: 'intro' } as const;
const pagedSearch = orm.query.posts
  .findMany({ search, limit: sql.placeholder('limit'), offset: sql.placeholder('offset') })
  .prepare('pagedSearch');

// explain() describes what runs. `limit: 0` reads nothing: without search explain() says
// `read: 'none'`; with search the query reads nothing either, yet explain() said it runs a search.
describe('explain() of a search with limit: 0', () => {
  it("says read: 'none', as the query reads nothing", async () => {
    const t = await introPosts(3);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.posts.findMany({ search, limit: 0 });
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

  it('a prepared search executed with limit 0 (and an offset) reads nothing and explains so; limit 2 searches', async () => {
    const t = await introPosts(3);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const none = pagedSearch.execute(ctx, { limit: 0, offset: 1 });
      const rows = await none;
      const empty = { rows, reads: { ...reads }, read: none.explain().read };
      const two = pagedSearch.execute(ctx, { limit: 2, offset: 0 });
      return { empty, two: { rows: (await two).length, read: two.explain().read } };
    });
    expect(out).toEqual({
      empty: { rows: [], reads: { documents: 0, ranges: 0 }, read: 'none' },
      two: { rows: 2, read: 'search' },
    });
  });

  it('a search page of 0 items reads nothing and stays a search page (its cursor stays where it was)', async () => {
    const t = await introPosts(3);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.posts.paginate({ numItems: 0, cursor: null }, { search });
      const { page, isDone } = await query;
      return { page, isDone, reads: { ...reads }, read: query.explain().read };
    });
    expect(out).toEqual({ page: [], isDone: false, reads: { documents: 0, ranges: 0 }, read: 'search' });
  });
});
