// explain().page of a one-range page says what its cursor lets it be: a plain cursor of a page read
// by index key (the second page of a function, a split half) resumes by index key, two ranges, not
// pinned across re-runs; only a cursor of a Convex .paginate() page (or none) may resume one.
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './pagesFixture';

describe('explain().page for a one-range page resumed from an index-key-only cursor', () => {
  it('says the page is not pinned across re-runs (the run reads it by index key, not with .paginate())', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 12; i++) await ctx.db.insert('items', { status: i % 2 ? 'a' : 'b', rank: i, flag: false });
    });
    const a = { where: { status: 'a' }, orderBy: { rank: 'asc' } } as const;
    const b = { where: { status: 'b' }, orderBy: { rank: 'asc' } } as const;
    // One function reads two one-range pages: the first takes Convex's .paginate(), the second is
    // read by index key, so its continueCursor holds the index key only.
    const cursor = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      await db.query.items.paginate({ numItems: 2, cursor: null }, a);
      const second = await db.query.items.paginate({ numItems: 2, cursor: null }, b);
      return second.continueCursor;
    });
    const { explained, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const explained = db.query.items.paginate({ numItems: 2, cursor }, b).explain();
      await db.query.items.paginate({ numItems: 2, cursor }, b);
      return { explained, reads: { ...reads } };
    });
    // The run read it by index key (two ranges: the ties on rank, then past it), not one .paginate() range.
    expect(reads.ranges).toBe(2);
    expect(explained.page).not.toMatch(/^\.paginate\(\)/);
    expect(explained.page).toContain('not pinned across re-runs');
  });
});
