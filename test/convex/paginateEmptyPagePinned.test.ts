import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, type Row, schema } from './pagesFixture';

const ranked = (count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({ status: 'a', rank: i, flag: true }));

async function backend(rows: readonly Row[]) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (const row of rows) await ctx.db.insert('items', row);
  });
  const page = (options: object, config: object) =>
    t.run(async (ctx) => orm.db(ctx).query.items.paginate(options as never, config as never) as Promise<any>);
  return { page };
}

// docs/queries.md "Pinned pages": a page given endCursor "holds every row up to that position
// (however many that is now) ... returns endCursor as its continueCursor", as Convex does
// (read_page_from_query returns end_cursor whenever one is given). numItems 0 is answered before
// the endCursor is looked at: an empty page whose continueCursor is the start, so a client that
// re-issues a page pinned to [cursor, endCursor] with numItems 0 loses the rows in between.
describe('an empty page (numItems 0) pinned by endCursor', () => {
  it('returns endCursor as its continueCursor and the rows up to it, as with numItems 1', async () => {
    const { page } = await backend(ranked(6));
    const config = { where: { status: 'a' }, orderBy: { rank: 'asc' }, columns: { rank: true } };
    const first = await page({ numItems: 3, cursor: null }, config);
    const one = await page({ numItems: 1, cursor: null, endCursor: first.continueCursor }, config);
    const zero = await page({ numItems: 0, cursor: null, endCursor: first.continueCursor }, config);
    expect(one.continueCursor).toBe(first.continueCursor);
    expect(one.page.map((row: { rank: number }) => row.rank)).toEqual([0, 1, 2]);
    expect(zero.continueCursor).toBe(first.continueCursor);
    expect(zero.page).toEqual(one.page);
  });
});
