import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, type Row, schema } from './pagesFixture';

// An `in` list of k values plans k ranges of by_status_rank, merged on `rank`. A later page resumes
// each range after the cursor's index key as d ranges (here d = 2: rank, then _creationTime), so the
// planner narrows a paged read only as far as k · d stays within the 4,000 ranges a transaction may
// read: 2,100 values passed the first page (2,100 ranges) and failed every later one (4,200) with
// SCAN_BUDGET_EXCEEDED, a walk that could never go past its first page.
async function pages(values: number) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 6; i++) await ctx.db.insert('items', { status: `s${i}`, rank: i, flag: true } satisfies Row);
  });
  const statuses = Array.from({ length: values }, (_, i) => `s${i}`);
  const config = { where: { status: { in: statuses } }, orderBy: { rank: 'asc' }, columns: { rank: true } };
  const ranks: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 10; guard++) {
    const page: any = await t.run((ctx) => orm.db(ctx).query.items.paginate({ numItems: 4, cursor }, config as never));
    ranks.push(...page.page.map((row: { rank: number }) => row.rank));
    cursor = page.continueCursor;
    if (page.isDone) break;
  }
  return ranks;
}

describe('paginate over a long in list', () => {
  it('a list whose later pages fit is paged to its end', async () => {
    expect(await pages(2_000)).toEqual([0, 1, 2, 3, 4, 5]);
  }, 60_000);

  it('a list whose later pages would not fit is refused from the first page, saying why', async () => {
    await expect(pages(2_001)).rejects.toMatchObject({
      code: 'INVALID_QUERY',
      message: expect.stringContaining(
        'index "by_status_rank" would need 4002 ranges for status on a later page (each resumed after the cursor), more than the 4000',
      ),
    });
  }, 60_000);
});
