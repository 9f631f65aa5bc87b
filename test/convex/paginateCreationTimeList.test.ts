import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, type Row, schema } from './pagesFixture';

// `_creationTime: { in: [...] }` plans one range of by_creation_time per value, each pinned whole by its
// equality: the ranges merge on `_id` alone. The next page must go on with the ranges after the cursor.
describe('paginate over a list of creation times', () => {
  it('all pages together = findMany; the second page is not empty', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) await ctx.db.insert('items', { status: 'a', rank: i, flag: false } satisfies Row);
    });
    const times = await t.run(async (ctx) => (await ctx.db.query('items').collect()).map((row) => row._creationTime));
    const config = { where: { _creationTime: { in: times.slice(0, 4) } }, columns: { rank: true } };
    const expected = await t.run((ctx) => orm.db(ctx).query.items.findMany(config as never));
    expect(expected).toHaveLength(4);
    const rows: unknown[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: any = await t.run((ctx) =>
        orm.db(ctx).query.items.paginate({ numItems: 2, cursor }, config as never),
      );
      rows.push(...page.page);
      cursor = page.continueCursor;
      if (page.isDone) break;
    }
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((row: any) => row.rank))).toEqual(new Set(expected.map((row: any) => row.rank)));
  });
});
