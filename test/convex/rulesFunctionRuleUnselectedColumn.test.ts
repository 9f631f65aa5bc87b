/**
 * Claim check (from a review that found no bug): a documented claim no other test covers.
 *
 * docs/rules.md: "Function rules are residual filters, tested on each row the index read
 * returns" and "The row is the row as a query returns it", i.e. the whole stored row, not the
 * caller's projection. A function rule that tests a column the query does not select
 * (`(p) => p.secret !== true` with `columns: { title: true }`) must still see that column: were
 * it given the projected row, `p.secret` would be undefined and Vic's secret post would pass.
 * Existing function-rule tests only test selected columns. Checked on every read path an
 * attacker controls the projection of: findMany columns, a nested with load's columns, a
 * db.select() of one field (plain and joined), _count, relation orders (count and max),
 * aggregate / groupBy / $count, a select aggregate, findFirst, relation filters (plain, NOT,
 * and through the junction), extras and paginate.
 */
import { expect, it } from 'vitest';
import { count, eq, max, sum } from '../../src/index';
import { ormOf, posts, users, world } from './rulesReadFixture';

it('a function rule judges the whole row, whatever columns the query selects', async () => {
  const { t, ids } = await world();
  const orm = ormOf(() => ({ posts: { read: (p: any) => p.secret !== true } }), ids);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx) as any;
    const titles = (xs: any[]) => xs.map((x) => x.title).sort();
    return {
      cols: titles(await db.query.posts.findMany({ columns: { title: true } })),
      withCols: (
        await db.query.users.findMany({
          columns: { name: true },
          orderBy: { name: 'asc' },
          with: { posts: { columns: { title: true } } },
        })
      ).map((u: any) => [u.name, titles(u.posts)]),
      sel: (await db.select({ title: posts.title }).from(posts)).map((r: any) => r.title).sort(),
      selJoin: (
        await db
          .select({ n: users.name, title: posts.title })
          .from(users)
          .innerJoin(posts, eq(posts.authorId, users._id))
      )
        .map((r: any) => `${r.n}:${r.title}`)
        .sort(),
      counts: (
        await db.query.users.findMany({ columns: { name: true }, orderBy: { name: 'asc' }, _count: { posts: true } })
      ).map((u: any) => u._count.posts),
      ordMax: (
        await db.query.users.findMany({ columns: { name: true }, orderBy: { posts: { score: 'desc(max)' } } })
      ).map((u: any) => u.name),
      agg: await db.query.posts.aggregate({ _count: true, _max: { score: true }, _sum: { score: true } }),
      selAgg: await db.select({ m: max(posts.score), s: sum(posts.score), c: count() }).from(posts),
      dcount: await db.$count(posts),
      first: await db.query.posts.findFirst({ orderBy: { score: 'desc' }, columns: { score: true } }),
      relFilter: (await db.query.users.findMany({ columns: { name: true }, where: { posts: { score: 99 } } })).length,
      relFilterNot: (
        await db.query.users.findMany({ columns: { name: true }, where: { NOT: { posts: { score: 99 } } } })
      ).length,
      throughJunction: (
        await db.query.tags.findMany({ columns: { name: true }, with: { posts: { columns: { score: true } } } })
      ).map((x: any) => x.posts.map((p: any) => p.score).sort()),
      extras: (await db.query.posts.findMany({ columns: { score: true }, extras: { s: (p: any) => p.secret } }))
        .map((p: any) => p.s)
        .sort(),
      page: (
        await db.query.posts.paginate(
          { numItems: 10, cursor: null },
          { orderBy: { score: 'desc' }, columns: { score: true } },
        )
      ).page.map((p: any) => p.score),
    };
  });
  expect(out).toEqual({
    cols: ['mal post', 'vic public'],
    withCols: [
      ['Mal', ['mal post']],
      ['Vic', ['vic public']],
    ],
    sel: ['mal post', 'vic public'],
    selJoin: ['Mal:mal post', 'Vic:vic public'],
    counts: [1, 1],
    ordMax: ['Mal', 'Vic'],
    agg: { _count: 2, _max: { score: 10 }, _sum: { score: 15 } },
    selAgg: [{ m: 10, s: 15, c: 2 }],
    dcount: 2,
    first: { score: 10 },
    relFilter: 0,
    relFilterNot: 2,
    throughJunction: [[10, 5]], // default (text) sort of the scores
    extras: [false, false],
    page: [10, 5],
  });
});
