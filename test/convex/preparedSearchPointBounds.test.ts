/**
 * A prepared search whose `where` bounds a search filter field with two placeholders
 * (`status: { gte: P('lo'), lte: P('hi') }`) is planned per execution (src/query/preparedPlan.ts
 * rootTemplate): bounds that allow one value go into `withSearchIndex` as an equality
 * (docs/queries.md, Search), which the values decide. With `lo = hi = 'draft'` it reads only the
 * matching results, as the query with the values written in does, not every result dropped one by
 * one by a residual (past 1,024 results that would even be SCAN_BUDGET_EXCEEDED).
 */
import { sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

const P = sql.placeholder;

describe('prepared search: bounds that allow one value on a filter field', () => {
  it('reads, explains and plans as the query with the values written in', async () => {
    // 20 published "intro i" posts; no draft among them.
    const t = await introPosts(20);
    const prepared = orm.query.posts
      .findMany({
        search: { index: 'search_title', query: 'intro' },
        where: { status: { gte: P('lo'), lte: P('hi') } },
        limit: 3,
      })
      .prepare('draftsMatching');
    const written = {
      search: { index: 'search_title' as const, query: 'intro' },
      where: { status: { gte: 'draft', lte: 'draft' } },
      limit: 3,
    };
    const values = { lo: 'draft', hi: 'draft' };

    const out = await t.run(async (raw) => {
      const a = countReads(raw);
      const b = countReads(raw);
      const rowsPrepared = await prepared.execute(a.ctx, values);
      const rowsWritten = await orm.db(b.ctx).query.posts.findMany(written);
      return {
        rowsPrepared,
        rowsWritten,
        readsPrepared: { ...a.reads },
        readsWritten: { ...b.reads },
        explainWritten: orm.db(raw).query.posts.findMany(written).explain(),
      };
    });
    expect(out.rowsPrepared).toEqual(out.rowsWritten);
    // The written query searches with status = "draft": no result, one range.
    expect(out.readsWritten).toEqual({ documents: 0, ranges: 1 });
    // Today the prepared one reads all 20 results (21 ranges) and filters them out.
    expect(out.readsPrepared).toEqual(out.readsWritten);
    const { prepared: how, ...explainPrepared } = prepared.explain(values);
    expect(explainPrepared).toEqual(out.explainWritten);
  });
});
