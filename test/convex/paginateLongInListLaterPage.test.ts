import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, type Row, schema } from './pagesFixture';

// An `in` list of k values plans k ranges of by_status_rank, merged on `rank`. A later page resumes
// each range after the cursor's index key as d ranges (here d = 2: rank, then _creationTime), and one
// pinned by endCursor (as convex-helpers' usePaginatedQuery re-issues every page but the last) cuts
// them at the end's key too, 2d − 1 ranges each; so the planner narrows a paged read only as far as
// k · (2d − 1) stays within the 4,000 ranges a transaction may read: 2,100 values passed the first
// page (2,100 ranges) and failed every later one (4,200) with SCAN_BUDGET_EXCEEDED, a walk that could
// never go past its first page.
async function pages(values: number) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 6; i++) await ctx.db.insert('items', { status: `s${i}`, rank: i, flag: true } satisfies Row);
  });
  const statuses = Array.from({ length: values }, (_, i) => `s${i}`);
  const config = { where: { status: { in: statuses } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
  const read = (options: object): Promise<any> =>
    t.run((ctx) => orm.db(ctx).query.items.paginate({ numItems: 4, ...options } as never, config as never));
  const ranks: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10; guard++) {
    const page = await read({ cursor });
    // The same page pinned to where it ended holds the same rows.
    expect((await read({ cursor, endCursor: page.continueCursor })).page).toEqual(page.page);
    ranks.push(...page.page.map((row: { rank: number }) => row.rank));
    cursor = page.continueCursor;
    if (page.isDone) break;
  }
  return ranks;
}

describe('paginate over a long in list', () => {
  it('a list whose later pages fit is paged to its end', async () => {
    expect(await pages(1_333)).toEqual([0, 1, 2, 3, 4, 5]);
  }, 60_000);

  it('a list whose later pages would not fit is refused from the first page, saying why', async () => {
    await expect(pages(1_334)).rejects.toMatchObject({
      code: 'INVALID_QUERY',
      message: expect.stringContaining(
        'index "by_status_rank" would need 4002 ranges for status on a later page (each resumed after the cursor and cut at an endCursor), more than the 4000',
      ),
    });
  }, 60_000);
});
