// A select with a join (an inner join, a left join sorted in memory) or grouping and limit(0) reads
// nothing (runSelect returns at once on an empty window), and its explain() says so, as a
// single-table select's, findMany's and a with-load's of limit 0 do: `read: 'none'`, no range, no
// full scan (src/select/explain.ts explainSelect); it explained a full scan of the first table and
// a range per join key. Found by review.
import { expect, it } from 'vitest';
import { count, desc, eq } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { plain, posts, users, world } from './explainReviewFixture';

it('a select with a join or grouping and limit(0) reads nothing, and its explain() says so', async () => {
  const t = await world(3, 12, false);
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = plain.db(ctx);
    const queries = {
      alone: db.select().from(users).limit(0),
      inner: db.select().from(users).innerJoin(posts, eq(posts.authorId, users._id)).limit(0),
      leftSorted: db
        .select()
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .orderBy(desc(posts.score))
        .limit(0),
      grouped: db.select({ s: posts.status, n: count() }).from(posts).groupBy(posts.status).limit(0),
    };
    const explained: Record<string, unknown> = {};
    const rows: Record<string, unknown> = {};
    for (const [key, q] of Object.entries(queries)) {
      const ex = (await (q as any).explain()) as { read: string; fullScan: boolean; ranges: readonly string[] };
      explained[key] = { read: ex.read, fullScan: ex.fullScan, ranges: ex.ranges };
      rows[key] = await q;
    }
    return { explained, rows, reads: { ...reads } };
  });
  // What runs: nothing is read.
  expect(out.reads).toEqual({ documents: 0, ranges: 0 });
  expect(out.rows).toEqual({ alone: [], inner: [], leftSorted: [], grouped: [] });
  // What explain() says: as the single-table select does, no read.
  const none = { read: 'none', fullScan: false, ranges: [] };
  expect(out.explained).toEqual({ alone: none, inner: none, leftSorted: none, grouped: none });
});
