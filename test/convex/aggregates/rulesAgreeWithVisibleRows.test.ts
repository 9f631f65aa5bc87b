import { describe, expect, it } from 'vitest';
import { avg, count, createOrm, defineRules, eq, max, min, sum } from '../../../src/index';
import { authors, backend, backfillAll, type Db, posts, relations } from './fixture';

async function world() {
  const { t, run } = backend();
  const ids = await run(async (db) => {
    const [a, b] = await db
      .insert(authors)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning({ _id: authors._id });
    await db.insert(posts).values(
      Array.from({ length: 30 }, (_, i) => ({
        title: `p${i}`,
        authorId: (i % 3 === 0 ? a : b)!._id,
        status: i % 4 === 0 ? ('published' as const) : ('draft' as const),
        views: i % 5 === 0 ? null : i * 7,
        publishedAt: i % 7 === 0 ? null : 1000 - i,
      })),
    );
    return { a: a!._id, b: b!._id };
  });
  await backfillAll(t);
  return { t, ids };
}

// Every aggregate path (count, aggregate, groupBy, _count, $count, a grouped select), served by an
// aggregate index or not, under one read rule at a time, agrees with the visible rows computed in JS.
describe('aggregates under read rules count only visible rows', () => {
  it('each rule shape: key equality, other fields, function, relation filter, ranges, NOT', async () => {
    const { t, ids } = await world();
    const { a, b } = ids;
    const cases: [string, unknown, (r: any) => boolean][] = [
      ['key eq', { authorId: a }, (r) => r.authorId === a],
      ['status', { status: 'published' }, (r) => r.status === 'published'],
      ['fn', (r: any) => r.status === 'published', (r) => r.status === 'published'],
      ['relation', { author: { name: 'a' } }, (r) => r.authorId === a],
      ['views gt', { views: { gt: 50 } }, (r) => r.views !== null && r.views > 50],
      [
        'in+status',
        { authorId: { in: [a] }, status: 'published' },
        (r) => r.authorId === a && r.status === 'published',
      ],
      ['OR same', { OR: [{ authorId: a }, { authorId: a }] }, (r) => r.authorId === a],
      ['ne', { authorId: { ne: b } }, (r) => r.authorId !== b],
      ['NOT', { NOT: { authorId: b } }, (r) => r.authorId !== b],
      ['pub isNull', { publishedAt: { isNull: true } }, (r) => r.publishedAt === null],
      ['status gt', { status: { gt: 'draft' } }, (r) => r.status > 'draft'],
      ['status like', { status: { like: 'pub%' } }, (r) => r.status.startsWith('pub')],
      ['status like2', { status: { like: 'pub%d' } }, (r) => r.status.startsWith('pub') && r.status.endsWith('d')],
      ['status ilike', { status: { ilike: 'PUB%' } }, (r) => r.status.startsWith('pub')],
      [
        'AND nest',
        { AND: [{ status: 'published' }, { authorId: a }] },
        (r) => r.status === 'published' && r.authorId === a,
      ],
      ['status lte/gte', { status: { gte: 'published', lte: 'published' } }, (r) => r.status === 'published'],
      [
        'status + views null',
        { status: 'published', views: { isNotNull: true } },
        (r) => r.status === 'published' && r.views !== null,
      ],
      ['status + id in', { status: 'published', _id: { ne: 'x' } }, (r) => r.status === 'published'],
    ];
    const all = await t.run(async (ctx) => ctx.db.query('posts').collect());
    const out: unknown[] = [];
    for (const [name, rule, js] of cases) {
      const orm = createOrm({ relations, rules: defineRules(relations, () => ({ posts: { read: rule as never } })) });
      const visible = all.filter(js);
      const got = await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as Db;
        const safe = async (p: PromiseLike<unknown>) => {
          try {
            return await p;
          } catch (e) {
            return String(e);
          }
        };
        return {
          count: await safe(db.query.posts.count()),
          countA: await safe(db.query.posts.count({ where: { authorId: a as never } })),
          agg: await safe(
            db.query.posts.aggregate({
              _count: true,
              _sum: { views: true },
              _min: { publishedAt: true },
              _max: { publishedAt: true },
            } as never),
          ),
          aggA: await safe(
            db.query.posts.aggregate({
              where: { authorId: a as never },
              _count: true,
              _sum: { views: true },
              _min: { publishedAt: true },
              _max: { publishedAt: true },
            } as never),
          ),
          gb: await safe(
            db.query.posts.groupBy({
              by: ['authorId'],
              _count: true,
              _sum: { views: true },
              _min: { publishedAt: true },
            } as never),
          ),
          gbs: await safe(
            db.query.posts.groupBy({
              by: ['status'],
              _count: true,
              _sum: { views: true },
              _max: { views: true },
            } as never),
          ),
          gbsa: await safe(
            db.query.posts.groupBy({
              by: ['status', 'authorId'],
              _count: true,
              _min: { views: true },
              _max: { views: true },
            } as never),
          ),
          cnt: await safe(
            db.query.authors.findMany({
              columns: { name: true },
              _count: { posts: true },
              orderBy: { name: 'asc' },
            } as never),
          ),
          dollar: await safe(db.$count(posts)),
          dollarA: await safe(db.$count(posts, eq(posts.authorId, a as never))),
          sel: await safe(
            db
              .select({ s: posts.status, n: count(), v: sum(posts.views), m: min(posts.views), x: max(posts.views) })
              .from(posts)
              .groupBy(posts.status),
          ),
          sel2: await safe(
            db
              .select({
                s: posts.authorId,
                n: count(),
                v: sum(posts.views),
                m: min(posts.publishedAt),
                x: max(posts.publishedAt),
                av: avg(posts.views),
              })
              .from(posts)
              .groupBy(posts.authorId),
          ),
        };
      });
      // expected via bypass over visible rows
      const nz = (xs: any[]) => xs.filter((x) => x !== null && x !== undefined);
      const expCount = visible.length;
      const expA = visible.filter((r) => r.authorId === a).length;
      const sumOf = (rs: any[]) => {
        const v = nz(rs.map((r) => r.views));
        return v.length ? v.reduce((x, y) => x + y, 0) : null;
      };
      const mn = (xs: any[]) => {
        const v = nz(xs);
        return v.length ? Math.min(...v) : null;
      };
      const mx = (xs: any[]) => {
        const v = nz(xs);
        return v.length ? Math.max(...v) : null;
      };
      const problems: string[] = [];
      if (got.count !== expCount) problems.push(`count ${JSON.stringify(got.count)} vs ${expCount}`);
      if (got.countA !== expA) problems.push(`countA ${JSON.stringify(got.countA)} vs ${expA}`);
      if (got.dollar !== expCount) problems.push(`$count ${JSON.stringify(got.dollar)} vs ${expCount}`);
      if (got.dollarA !== expA) problems.push(`$countA ${JSON.stringify(got.dollarA)} vs ${expA}`);
      const agg = got.agg as any;
      if (
        typeof agg === 'string' ||
        agg._count !== expCount ||
        agg._sum.views !== sumOf(visible) ||
        agg._min.publishedAt !== mn(visible.map((r) => r.publishedAt)) ||
        agg._max.publishedAt !== mx(visible.map((r) => r.publishedAt))
      )
        problems.push(`agg ${JSON.stringify(agg)}`);
      const va = visible.filter((r) => r.authorId === a);
      const aggA = got.aggA as any;
      if (
        typeof aggA === 'string' ||
        aggA._count !== va.length ||
        aggA._sum.views !== sumOf(va) ||
        aggA._min.publishedAt !== mn(va.map((r) => r.publishedAt)) ||
        aggA._max.publishedAt !== mx(va.map((r) => r.publishedAt))
      )
        problems.push(`aggA ${JSON.stringify(aggA)}`);
      const groups = (key: (r: any) => string) => {
        const m = new Map<string, any[]>();
        for (const r of visible) {
          const k = key(r);
          m.set(k, [...(m.get(k) ?? []), r]);
        }
        return m;
      };
      const gbs = got.gbs as any[];
      const exS = groups((r) => r.status);
      if (
        typeof gbs === 'string' ||
        gbs.length !== exS.size ||
        gbs.some(
          (g) =>
            g._count !== exS.get(g.status)?.length ||
            g._sum.views !== sumOf(exS.get(g.status)!) ||
            g._max.views !== mx(exS.get(g.status)!.map((r) => r.views)),
        )
      )
        problems.push(`gbs ${JSON.stringify(gbs)}`);
      const gb = got.gb as any[];
      const exA = groups((r) => r.authorId);
      if (
        typeof gb === 'string' ||
        gb.length !== exA.size ||
        gb.some(
          (g) =>
            g._count !== exA.get(g.authorId)?.length ||
            g._sum.views !== sumOf(exA.get(g.authorId)!) ||
            g._min.publishedAt !== mn(exA.get(g.authorId)!.map((r) => r.publishedAt)),
        )
      )
        problems.push(`gb ${JSON.stringify(gb)}`);
      const gbsa = got.gbsa as any[];
      const exSA = groups((r) => `${r.status}|${r.authorId}`);
      if (
        typeof gbsa === 'string' ||
        gbsa.length !== exSA.size ||
        gbsa.some((g) => {
          const rs = exSA.get(`${g.status}|${g.authorId}`);
          return (
            !rs ||
            g._count !== rs.length ||
            g._min.views !== mn(rs.map((r) => r.views)) ||
            g._max.views !== mx(rs.map((r) => r.views))
          );
        })
      )
        problems.push(`gbsa ${JSON.stringify(gbsa)}`);
      const cnt = got.cnt as any[];
      if (
        typeof cnt === 'string' ||
        cnt[0]._count.posts !== visible.filter((r) => r.authorId === a).length ||
        cnt[1]._count.posts !== visible.filter((r) => r.authorId === b).length
      )
        problems.push(`_count ${JSON.stringify(cnt)}`);
      const sel = got.sel as any[];
      if (
        typeof sel === 'string' ||
        sel.length !== exS.size ||
        sel.some((g) => {
          const rs = exS.get(g.s);
          return (
            !rs ||
            g.n !== rs.length ||
            g.v !== sumOf(rs) ||
            g.m !== mn(rs.map((r) => r.views)) ||
            g.x !== mx(rs.map((r) => r.views))
          );
        })
      )
        problems.push(`sel ${JSON.stringify(sel)}`);
      const sel2 = got.sel2 as any[];
      if (
        typeof sel2 === 'string' ||
        sel2.length !== exA.size ||
        sel2.some((g) => {
          const rs = exA.get(g.s);
          return (
            !rs ||
            g.n !== rs.length ||
            g.v !== sumOf(rs) ||
            g.m !== mn(rs.map((r) => r.publishedAt)) ||
            g.x !== mx(rs.map((r) => r.publishedAt))
          );
        })
      )
        problems.push(`sel2 ${JSON.stringify(sel2)}`);
      out.push([name, problems]);
    }
    expect(out.filter((entry) => (entry as [string, string[]])[1].length > 0)).toEqual([]);
  });
});
