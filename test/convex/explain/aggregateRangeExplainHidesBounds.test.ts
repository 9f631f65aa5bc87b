// explain() of a count / aggregate / groupBy served over a range of an aggregate index's key shows
// the bounds of the bucket range it reads (src/aggregate/plan.ts describeAggregatePlan,
// describeBucketRead), as findMany's explain prints a range's: `count({ where: { authorId: { gte: a,
// lt: b } } })` served by posts_by_author reads the buckets `k0 >= a, k0 < b` and says so (it said
// "in range", the same for `gt: a`). docs/aggregates.md: `aggregate` names the index "with the
// bucket range read". Found by review.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { logged, type Opened, plain, world } from './explainReviewFixture';

const A = '000000000000000000000010000users' as never;
const B = '000000000000000000000010015users' as never;

it('a served range count explains the bounds of the bucket range it reads', async () => {
  const t = await world();
  const out = await t.run(async (raw) => {
    const log: Opened[] = [];
    const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
    const q = plain.db(ctx).query.posts.count({ where: { authorId: { gte: A, lt: B } } });
    const ex = await q.explain();
    const before = log.length;
    await q;
    const buckets = log
      .slice(before)
      .filter((e) => e.table === 'aggregate_bucket')
      .map((e) => e.range);
    return { aggregate: ex.aggregate!, ranges: ex.ranges, buckets };
  });
  // What runs: one bucket range with both bounds.
  expect(out.buckets).toEqual([`table = "posts", index = "posts_by_author", k0 >= "${A}", k0 < "${B}"`]);
  expect(out.aggregate.startsWith('aggregate index posts_by_author')).toBe(true);
  // What explain() says: those bounds.
  expect(out.ranges).toEqual([
    `table = "posts", index = "posts_by_author", k0 (authorId) >= "${A}", k0 (authorId) < "${B}"`,
  ]);
  expect(out.aggregate).toBe(`aggregate index posts_by_author (authorId >= "${A}", authorId < "${B}")`);
});
