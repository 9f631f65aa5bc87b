/**
 * Claim check (from a review that found no bug). docs/select.md "Rules and soft delete": "ON and WHERE conditions,
 * limit, groupBy counts, having and $count see visible rows only"; "Costs": an aggregate index
 * serves a grouped select only when the rule's filter fits the key. Five read rules on posts
 * (object equality on the second key field of posts_by_status_author, an id list, a range on a
 * non-key column, a function rule, an OR) crossed with served and read groupings (min/max/sum/avg),
 * $count (plain, correlated, where-object), a global aggregate, a grouping over a left-joined
 * column (the null group), a prepared select with a placeholder in a left join's ON, and embedded
 * $counts, each against the same aggregate computed in JS over the visible rows.
 */
import { describe, expect, it } from 'vitest';
import {
  and,
  asc,
  avg,
  count,
  countDistinct,
  createOrm,
  defineRules,
  eq,
  gt,
  max,
  min,
  sql,
  sum,
} from '../../src/index';
import { authors, posts, relations } from './aggregates/fixture';
import { world } from './selectRulesWorld';

const rulesets: [string, any, (p: any) => boolean][] = [
  ['published', { posts: { read: { status: 'published' } } }, (p) => p.status === 'published'],
  ['author in a,b', null, () => true],
  ['views gt', { posts: { read: { views: { gt: 50 } } } }, (p) => p.views !== null && p.views > 50],
  ['fn', { posts: { read: (p: any) => p.status === 'draft' } }, (p) => p.status === 'draft'],
  [
    'or',
    { posts: { read: { OR: [{ status: 'published' }, { views: { isNull: true } }] } } },
    (p) => p.status === 'published' || p.views === null,
  ],
];

const canon = (v: unknown) =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );
describe('select aggregates under rules (claim check)', () => {
  it('aggregates under rules equal JS over visible rows', async () => {
    const { t, ids } = await world();
    const allP: any[] = await t.run(async (ctx) => ctx.db.query('posts').collect());
    const allA: any[] = await t.run(async (ctx) => ctx.db.query('authors').collect());
    const bad: string[] = [];
    for (const [name, entry0, vis0] of rulesets) {
      let entry = entry0,
        vis = vis0;
      if (entry === null) {
        entry = { posts: { read: { authorId: { in: [ids.a, ids.b] } } } };
        vis = (p: any) => p.authorId === ids.a || p.authorId === ids.b;
      }
      const orm = createOrm({ relations, rules: defineRules(relations, () => entry) });
      const prepared = orm
        .select({ a: authors.name, n: count(posts._id), s: sum(posts.views) })
        .from(authors)
        .leftJoin(posts, and(eq(posts.authorId, authors._id), gt(posts.views, sql.placeholder('v'))))
        .groupBy(authors._id)
        .orderBy(asc(authors.name))
        .prepare('p');
      const vp = allP.filter(vis);
      const got = await t.run(async (ctx) => {
        const db: any = orm.db(ctx as never);
        return {
          byStatus: await db
            .select({ s: posts.status, n: count(), v: sum(posts.views), mn: min(posts.views), mx: max(posts.views) })
            .from(posts)
            .groupBy(posts.status)
            .orderBy(asc(posts.status)),
          byAuthor: await db
            .select({
              a: posts.authorId,
              n: count(),
              mn: min(posts.publishedAt),
              mx: max(posts.publishedAt),
              av: avg(posts.views),
            })
            .from(posts)
            .groupBy(posts.authorId)
            .orderBy(asc(posts.authorId)),
          byStatusAuthorWhere: await db
            .select({ s: posts.status, n: count() })
            .from(posts)
            .where(eq(posts.status, 'published'))
            .groupBy(posts.status, posts.authorId)
            .orderBy(asc(posts.authorId)),
          total: await db.$count(posts),
          totalA: await db.$count(posts, eq(posts.authorId, ids.a)),
          totalPubA: await db.$count(posts, { status: 'published', authorId: ids.a }),
          global: await db.select({ n: count(), c: countDistinct(posts.authorId), mx: max(posts.views) }).from(posts),
          joinedGroup: await db
            .select({ st: posts.status, n: count(), d: countDistinct(authors._id) })
            .from(authors)
            .leftJoin(posts, eq(posts.authorId, authors._id))
            .groupBy(posts.status)
            .orderBy(asc(posts.status)),
          prep: await prepared.execute(ctx as never, { v: 50 }),
          emb: await db
            .select({
              a: authors.name,
              n: db.$count(posts, eq(posts.authorId, authors._id)),
              m: db.$count(posts, and(eq(posts.authorId, authors._id), eq(posts.status, 'published'))),
            })
            .from(authors)
            .orderBy(asc(authors.name)),
        };
      });
      const by = <K>(xs: any[], k: (x: any) => K) => {
        const m = new Map<K, any[]>();
        for (const x of xs) {
          const key = k(x);
          m.set(key, [...(m.get(key) ?? []), x]);
        }
        return m;
      };
      const nn = (xs: any[]) => xs.filter((x) => x !== null && x !== undefined);
      const mn = (xs: any[]) => (nn(xs).length ? Math.min(...nn(xs)) : null);
      const mx = (xs: any[]) => (nn(xs).length ? Math.max(...nn(xs)) : null);
      const sm = (xs: any[]) => (nn(xs).length ? nn(xs).reduce((a, b) => a + b, 0) : null);
      const av = (xs: any[]) => (nn(xs).length ? sm(xs) / nn(xs).length : null);
      const exp = {
        byStatus: [...by(vp, (p) => p.status)]
          .sort((x, y) => (x[0] < y[0] ? -1 : 1))
          .map(([s, ps]) => ({
            s,
            n: ps.length,
            v: sm(ps.map((p: any) => p.views)),
            mn: mn(ps.map((p: any) => p.views)),
            mx: mx(ps.map((p: any) => p.views)),
          })),
        byAuthor: [...by(vp, (p) => p.authorId)]
          .sort((x, y) => (x[0] < y[0] ? -1 : 1))
          .map(([a, ps]) => ({
            a,
            n: ps.length,
            mn: mn(ps.map((p: any) => p.publishedAt)),
            mx: mx(ps.map((p: any) => p.publishedAt)),
            av: av(ps.map((p: any) => p.views)),
          })),
        byStatusAuthorWhere: [
          ...by(
            vp.filter((p) => p.status === 'published'),
            (p) => p.authorId,
          ),
        ]
          .sort((x, y) => (x[0] < y[0] ? -1 : 1))
          .map(([, ps]) => ({ s: 'published', n: ps.length })),
        total: vp.length,
        totalA: vp.filter((p) => p.authorId === ids.a).length,
        totalPubA: vp.filter((p) => p.authorId === ids.a && p.status === 'published').length,
        global: [{ n: vp.length, c: new Set(vp.map((p) => p.authorId)).size, mx: mx(vp.map((p) => p.views)) }],
        joinedGroup: (() => {
          const rows = allA.flatMap((a) => {
            const ps = vp.filter((p) => p.authorId === a._id);
            return ps.length ? ps.map((p) => ({ a, p })) : [{ a, p: null }];
          });
          return [...by(rows, (r) => r.p?.status ?? null)]
            .sort((x, y) => (x[0] === null ? -1 : y[0] === null ? 1 : x[0] < y[0] ? -1 : 1))
            .map(([st, rs]) => ({ st, n: rs.length, d: new Set(rs.map((r: any) => r.a._id)).size }));
        })(),
        prep: [...allA]
          .sort((x, y) => (x.name < y.name ? -1 : 1))
          .map((a) => {
            const ps = vp.filter((p) => p.authorId === a._id && p.views !== null && p.views > 50);
            return { a: a.name, n: ps.length, s: sm(ps.map((p) => p.views)) };
          }),
        emb: [...allA]
          .sort((x, y) => (x.name < y.name ? -1 : 1))
          .map((a) => ({
            a: a.name,
            n: vp.filter((p) => p.authorId === a._id).length,
            m: vp.filter((p) => p.authorId === a._id && p.status === 'published').length,
          })),
      };
      for (const k of Object.keys(exp)) {
        if (canon((got as any)[k]) !== canon((exp as any)[k]))
          bad.push(`${name} ${k}: got ${JSON.stringify((got as any)[k])} exp ${JSON.stringify((exp as any)[k])}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
