// A relation filter beside a `with` load of the same relation and where reads every match of a
// row's key only when every row it finds a match for is loaded (src/query/filterBesideLoad.ts
// loadBesideFilter). Not when the root rows are sorted in memory and then windowed (a column order
// no index serves, `orderBy: { name }`, with `limit` or findFirst): every row is filtered before
// the sort, only the window is loaded. Then it reads up to the first match, as the same query with
// an equal but not identical load where does: 10 users with 5 posts (4 live),
// `findMany({ where: { posts: live }, orderBy: { name: 'desc' }, limit: 2, with: { posts: { where: live } } })`
// reads 30 documents (10 users, the first live post of each, the 2 loaded users' 5 posts), not 60;
// findFirst 25; and explain() does not say the load takes the filter's rows. Found by review.
import { describe, expect, it } from 'vitest';
import { counted, orm, seeded } from './fixture';

const live = { status: 'live' } as const;
// Equal rows, read through the same index; only not `sameFilter` as `live`, so the relation filter
// reads up to the first match as it did before 4364c492.
const liveToo = { status: 'live', views: { gte: 0 } } as const;

describe('a relation filter beside a load, the root sorted in memory', () => {
  it('reads no more than the first-match probe and the load of the rows kept', async () => {
    const t = await seeded(10);
    const out = await t.run(async (raw: any) => {
      const many = (load: object) =>
        counted(raw, (ctx) =>
          orm.db(ctx).query.users.findMany({
            where: { posts: live },
            orderBy: { name: 'desc' },
            limit: 2,
            with: { posts: { where: load } },
          } as any),
        );
      const first = (load: object) =>
        counted(raw, (ctx) =>
          orm.db(ctx).query.users.findFirst({
            where: { posts: live },
            orderBy: { name: 'desc' },
            with: { posts: { where: load } },
          } as any),
        );
      return {
        beside: await many(live),
        before: await many(liveToo),
        firstBeside: await first(live),
        firstBefore: await first(liveToo),
      };
    });
    expect(out.beside.result.map((u: any) => u.name)).toEqual(['u9', 'u8']);
    expect(out.beside.result).toEqual(out.before.result);
    expect(out.firstBeside.result).toEqual(out.firstBefore.result);
    // Before: 10 users + 10 first posts + 2 x 5 posts = 30; today 60 (every user's 5 posts).
    expect(out.before.reads.documents).toBe(30);
    expect(out.beside.reads.documents).toBeLessThanOrEqual(out.before.reads.documents);
    expect(out.firstBeside.reads.documents).toBeLessThanOrEqual(out.firstBefore.reads.documents);
  });
});
