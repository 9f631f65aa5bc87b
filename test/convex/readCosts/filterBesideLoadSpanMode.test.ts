// docs/queries.md (Measured read costs), the one case where a relation filter beside a load of the
// same relation and where (src/query/filterBesideLoad.ts) reads more than it did before: once the
// transaction's index ranges run short (past half the ranges left the filter switches to reading
// the keys with matches at once; at Convex's 4,096 ranges that takes over 2,000 rows probed; here a
// lowered `transactionBudget.indexRanges`), the rows it read whole for the keys probed before the
// switch are read again, or the load reads the rest per key where it would have read one span.
// Results are the same; the reads are pinned as documented (20 users with 3 live posts, ordered by
// score, each query in a transaction of its own), beside the same query with an equal load `where`
// that is not the same filter (`liveToo`: the rows read first-match, as before). Found by review.
import { describe, expect, it } from 'vitest';
import { createOrm } from '../../../src/index';
import { backend, counted, relations } from './fixture';

const live = { status: 'live' } as const;
// Equal rows through the same index, not `sameFilter` as `live`: the optimization off.
const liveToo = { status: 'live', views: { gte: 0 } } as const;

describe('a relation filter beside a load when the ranges run short', () => {
  it('gives the same rows, reading what docs/queries.md says', async () => {
    const t = backend();
    await t.run(async (raw: any) => {
      for (let i = 0; i < 20; i++) {
        const user = await raw.db.insert('users', {
          name: `u${i}`,
          email: `u${i}@x`,
          role: 'member',
          age: 30,
          score: (i * 7) % 20,
        });
        for (let j = 0; j < 3; j++) {
          await raw.db.insert('posts', {
            title: `p${i}-${j}`,
            authorId: user,
            publishedAt: j,
            status: 'live',
            views: 1,
          });
        }
      }
    });
    // Each query in a transaction of its own: the ranges one spends are not left for the other.
    const run = (orm: ReturnType<typeof createOrm>, load: object) =>
      t.run((raw: any) =>
        counted(raw, (ctx) =>
          (orm.db(ctx).query as any).users.findMany({
            where: { posts: live },
            orderBy: { score: 'asc' },
            with: { posts: { where: load } },
          } as any),
        ),
      );
    const measured: unknown[] = [];
    for (const indexRanges of [30, 40]) {
      const orm = createOrm({ relations, transactionBudget: { indexRanges } });
      const beside = await run(orm, live);
      const before = await run(orm, liveToo);
      expect(beside.result).toHaveLength(20);
      expect(beside.result).toEqual(before.result);
      measured.push({ indexRanges, beside: beside.reads, before: before.reads });
    }
    expect(measured).toEqual([
      { indexRanges: 30, beside: { documents: 164, ranges: 13 }, before: { documents: 150, ranges: 13 } },
      { indexRanges: 40, beside: { documents: 140, ranges: 22 }, before: { documents: 153, ranges: 16 } },
    ]);
  });
});
