// explain()._count of a count whose where no row can pass (contradictory conditions: `status:
// 'draft'` and `status: 'live'`) beside a relation filter says it reads nothing ("none: ... every
// parent has none") and nothing more: no row is counted, so nothing is read per row (the run reads
// the users only). Found by review.
import { expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { logged, type Opened, plain, world } from './explainReviewFixture';

it('a _count that plans nothing names no per-row reads', async () => {
  const t = await world(3, 12, false);
  const out = await t.run(async (raw) => {
    const log: Opened[] = [];
    const { ctx } = countReads({ ...raw, db: logged(raw.db, log) } as typeof raw);
    const q = plain.db(ctx).query.users.findMany({
      limit: 2,
      _count: { posts: { where: { status: 'draft', AND: [{ status: 'live' }], comments: { n: 1 } } } },
    });
    const explained = q.explain();
    const rows = await q;
    return {
      count: explained._count!.posts!,
      counts: rows.map((u) => u._count.posts),
      tables: [...new Set(log.map((e) => e.table))],
    };
  });
  // What runs: the two users, no posts, no comments.
  expect(out.tables).toEqual(['users']);
  expect(out.counts).toEqual([0, 0]);
  expect(out.count).toMatch(/^none: /);
  // What explain() says must not claim comments reads per counted row.
  expect(out.count).not.toMatch(/per row counted|comments/);
});
