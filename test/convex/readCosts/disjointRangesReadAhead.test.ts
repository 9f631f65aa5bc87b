// Found by review: a read of several index ranges that are disjoint and already in the order the
// query returns (an `in` list or a same-field `OR` on the field its orderBy starts with, the two
// ranges of a `ne`) was merged with a heap (src/query/readIndex.ts `mergeChains`, one chain per
// range), which reads the first row of every range before handing over the first. With a `limit`,
// `findFirst` or a nested `limit` it read one extra document and range per range it never needed:
// `findFirst({ where: { age: { in: [21, 22, 23, 24] } }, orderBy: { age: 'asc' } })` read 4 / 4
// where the obvious hand-written loop reads 1 / 1; `age ne 22` ordered by age with limit 2 read 3
// documents where `.withIndex('by_age').filter(neq).take(2)` reads 2. Such ranges are now one chain,
// read one after another (src/query/rangeChains.ts): the same rows in the same order, each range
// read only as far as the limit needs (docs/queries.md "How a query reads", step 2). Without
// `orderBy`, rows of several ranges come in `_creationTime` order (as pages give them), which
// interleaves the ranges: that read still merges, one row ahead per range (the last test pins it).
import { describe, expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { backend, orm } from './disjointRangesFixture';

async function seed() {
  const t = backend();
  await t.run(async (ctx: any) => {
    const u: any[] = [];
    for (let i = 0; i < 6; i++)
      u.push(await ctx.db.insert('users', { name: `u${i}`, team: i % 2 ? 'a' : 'b', age: 20 + i }));
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 5; j++)
        await ctx.db.insert('posts', { authorId: u[i], status: `s${j}`, rank: j * 10 + i, title: `p${i}-${j}` });
  });
  return t;
}

async function measure(t: Awaited<ReturnType<typeof seed>>, body: (ctx: any) => Promise<unknown>) {
  return t.run(async (raw: any) => {
    const { ctx, reads } = countReads(raw);
    const result = await body(ctx);
    return { result, reads: { ...reads } };
  });
}

/** Hand-written: the `in` values in index order, each range read until `limit` rows are found. */
async function handInOrder(ctx: any, values: number[], limit: number) {
  const rows: any[] = [];
  for (const age of [...values].sort((a, b) => a - b)) {
    if (rows.length === limit) break;
    rows.push(
      ...(await ctx.db
        .query('users')
        .withIndex('by_age', (q: any) => q.eq('age', age))
        .take(limit - rows.length)),
    );
  }
  return rows.map((row) => row.age);
}

describe('disjoint ranges already in the query order are read one after another, not merged', () => {
  it('findFirst with an `in` list ordered by its field: 1 document, 1 range, as the hand-written loop', async () => {
    const t = await seed();
    const hand = await measure(t, (ctx) => handInOrder(ctx, [21, 22, 23, 24], 1));
    const orm1 = await measure(
      t,
      async (ctx) =>
        (await orm.db(ctx).query.users.findFirst({ where: { age: { in: [21, 22, 23, 24] } }, orderBy: { age: 'asc' } }))
          ?.age,
    );
    expect(hand).toEqual({ result: [21], reads: { documents: 1, ranges: 1 } });
    expect(orm1.result).toBe(21);
    expect(orm1.reads).toEqual(hand.reads); // today: { documents: 4, ranges: 4 }
  });

  it('findMany `in` on the ordered field with limit 1: 1 document, 1 range', async () => {
    const t = await seed();
    const hand = await measure(t, (ctx) => handInOrder(ctx, [21, 22, 23, 24], 1));
    const got = await measure(t, async (ctx) =>
      (
        await orm
          .db(ctx)
          .query.users.findMany({ where: { age: { in: [21, 22, 23, 24] } }, orderBy: { age: 'asc' }, limit: 1 })
      ).map((u: any) => u.age),
    );
    expect(got.result).toEqual([21]);
    expect(got.reads).toEqual(hand.reads); // today: { documents: 4, ranges: 4 }
  });

  it('a same-field OR of equalities, ordered by that field, limit 1: 1 document, 1 range', async () => {
    const t = await seed();
    const got = await measure(t, async (ctx) =>
      (
        await orm.db(ctx).query.users.findMany({
          where: { OR: [{ age: 21 }, { age: 23 }, { age: 25 }] },
          orderBy: { age: 'asc' },
          limit: 1,
        })
      ).map((u: any) => u.age),
    );
    expect(got).toEqual({ result: [21], reads: { documents: 1, ranges: 1 } }); // today: 3 / 3
  });

  it('`ne` on the ordered field with limit 2: no more documents than withIndex().filter(neq).take(2)', async () => {
    const t = await seed();
    const hand = await measure(t, async (ctx) =>
      (
        await ctx.db
          .query('users')
          .withIndex('by_age')
          .filter((q: any) => q.neq(q.field('age'), 22))
          .take(2)
      ).map((u: any) => u.age),
    );
    const got = await measure(t, async (ctx) =>
      (await orm.db(ctx).query.users.findMany({ where: { age: { ne: 22 } }, orderBy: { age: 'asc' }, limit: 2 })).map(
        (u: any) => u.age,
      ),
    );
    expect(hand).toEqual({ result: [20, 21], reads: { documents: 2, ranges: 1 } });
    expect(got.result).toEqual([20, 21]);
    expect(got.reads.documents).toBe(2); // today: 3 (the first row of `age > 22` read ahead)
  });

  it('a `with` load whose nested `in` is on its orderBy field, limit 1: one post per user, one range each', async () => {
    const t = await seed();
    const got = await measure(t, async (ctx) =>
      (
        await orm.db(ctx).query.users.findMany({
          with: { posts: { where: { status: { in: ['s1', 's2', 's3'] } }, orderBy: { status: 'asc' }, limit: 1 } },
        })
      ).map((u: any) => u.posts.map((p: any) => p.status)),
    );
    expect(got.result).toEqual([['s1'], ['s1'], ['s1'], ['s1'], ['s1'], ['s1']]);
    // Hand-written: 6 users (1 range), then per user by_author_status with s1, take(1).
    expect(got.reads).toEqual({ documents: 12, ranges: 7 }); // today: 24 / 19
  });

  it('without orderBy the ranges merge in _creationTime order, one row ahead in each (documented)', async () => {
    const t = await seed();
    const got = await measure(t, async (ctx) =>
      (await orm.db(ctx).query.users.findMany({ where: { age: { in: [21, 22, 23, 24] } }, limit: 1 })).map(
        (u) => u.age,
      ),
    );
    expect(got.reads).toEqual({ documents: 4, ranges: 4 });
  });
});
