import { describe, expect, it } from 'vitest';
import {
  alias,
  asc,
  count,
  countDistinct,
  createOrm,
  defineRules,
  eq,
  gt,
  isNull,
  max,
  min,
  sum,
} from '../../src/index';
import { authors, type Db, posts, relations } from './aggregates/fixture';
import { world } from './selectRulesWorld';

const canon = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
  );
// Inner/left joins, alias self-joins, groupBy/having, selectDistinct and countDistinct under every
// pair of read rules on authors and posts agree with the visible rows computed in JS.
describe('db.select() under read rules sees only visible rows', () => {
  it('every pair of author and post rules', async () => {
    const { t, ids } = await world();
    const { a, b } = ids;
    const authorRules: [string, unknown, (r: any) => boolean][] = [
      ['none', undefined, () => true],
      ['name a', { name: 'a' }, (r) => r.name === 'a'],
      ['fn', (r: any) => r.name !== 'b', (r) => r.name !== 'b'],
      ['id', { _id: { in: [a] } }, (r) => r._id === a],
      ['rel', { posts: { status: 'published', views: { gt: 100 } } }, null as never],
    ];
    const postRules: [string, unknown, (r: any) => boolean][] = [
      ['none', undefined, () => true],
      ['author a', { authorId: a }, (r) => r.authorId === a],
      ['pub', { status: 'published' }, (r) => r.status === 'published'],
      ['fn', (r: any) => (r.views ?? 0) > 50, (r) => (r.views ?? 0) > 50],
      ['rel', { author: { name: 'b' } }, (r) => r.authorId === b],
    ];
    const allA = await t.run(async (ctx) => ctx.db.query('authors').collect());
    const allP = await t.run(async (ctx) => ctx.db.query('posts').collect());
    const _bypass = createOrm({ relations });
    const out: unknown[] = [];
    for (const [an, ar] of authorRules)
      for (const [pn, pr] of postRules) {
        const entry: any = {};
        if (ar !== undefined) entry.authors = { read: ar };
        if (pr !== undefined) entry.posts = { read: pr };
        const orm = createOrm({ relations, rules: defineRules(relations, () => entry) });
        const queries = (db: Db) => {
          return {
            inner: db
              .select({ n: authors.name, t: posts.title })
              .from(authors)
              .innerJoin(posts, eq(posts.authorId, authors._id))
              .orderBy(asc(posts.title)),
            innerLim: db
              .select({ n: authors.name, t: posts.title })
              .from(authors)
              .innerJoin(posts, eq(posts.authorId, authors._id))
              .limit(5),
            left: db
              .select({ n: posts.title, a: authors.name })
              .from(posts)
              .leftJoin(authors, eq(authors._id, posts.authorId))
              .orderBy(asc(posts.title)),
            leftNull: db
              .select({ n: posts.title })
              .from(posts)
              .leftJoin(authors, eq(authors._id, posts.authorId))
              .where(isNull(authors.name))
              .orderBy(asc(posts.title)),
            leftCnt: db
              .select({
                a: authors.name,
                n: count(posts._id),
                v: sum(posts.views),
                m: max(posts.views),
                mi: min(posts.publishedAt),
              })
              .from(authors)
              .leftJoin(posts, eq(posts.authorId, authors._id))
              .groupBy(authors.name)
              .orderBy(asc(authors.name)),
            having: db
              .select({ a: posts.authorId, n: count() })
              .from(posts)
              .groupBy(posts.authorId)
              .having(gt(count(), 0))
              .orderBy(asc(posts.authorId)),
            distinct: db.selectDistinct({ s: posts.status }).from(posts).orderBy(asc(posts.status)),
            distinctJoin: db
              .selectDistinct({ s: authors.name })
              .from(posts)
              .innerJoin(authors, eq(authors._id, posts.authorId))
              .orderBy(asc(authors.name)),
            self: db
              .select({ p: posts.title, q: alias(posts, 'q').title })
              .from(posts)
              .innerJoin(alias(posts, 'q'), eq(alias(posts, 'q').authorId, posts.authorId)),
            cd: db.select({ n: countDistinct(posts.authorId) }).from(posts),
          };
        };
        const run = async (o: any) =>
          t.run(async (ctx) => {
            const qs = queries(o.db(ctx));
            const res: any = {};
            for (const [k, q] of Object.entries(qs)) {
              try {
                res[k] = await q;
              } catch (e) {
                res[k] = String(e);
              }
            }
            return res;
          });
        const got = await run(orm);
        if (an === 'rel' && pn === 'rel') continue;
        const aBase = allA.filter((r) => an === 'rel' || authorRules.find((x) => x[0] === an)![2](r));
        const pvis = allP.filter(
          (r) =>
            pr === undefined ||
            (pn === 'rel'
              ? aBase.some((a) => a._id === r.authorId && a.name === 'b')
              : postRules.find((x) => x[0] === pn)![2](r)),
        );
        const avis = allA.filter((r) =>
          an === 'rel'
            ? pvis.some((p) => p.authorId === r._id && p.status === 'published' && (p.views ?? -1) > 100)
            : authorRules.find((x) => x[0] === an)![2](r),
        );
        const byT = (x: any, y: any) => (x.title < y.title ? -1 : x.title > y.title ? 1 : 0);
        const nz = (xs: any[]) => xs.filter((x) => x !== null && x !== undefined);
        const exp: any = {};
        exp.inner = pvis
          .filter((p) => avis.some((a) => a._id === p.authorId))
          .sort(byT)
          .map((p) => ({ n: avis.find((a) => a._id === p.authorId)!.name, t: p.title }));
        exp.left = [...pvis]
          .sort(byT)
          .map((p) => ({ n: p.title, a: avis.find((a) => a._id === p.authorId)?.name ?? null }));
        exp.leftNull = [...pvis]
          .sort(byT)
          .filter((p) => !avis.some((a) => a._id === p.authorId))
          .map((p) => ({ n: p.title }));
        exp.leftCnt = [...avis]
          .sort((x, y) => (x.name < y.name ? -1 : 1))
          .map((a) => {
            const ps = pvis.filter((p) => p.authorId === a._id);
            const v = nz(ps.map((p) => p.views));
            const m = nz(ps.map((p) => p.publishedAt));
            return {
              a: a.name,
              n: ps.length,
              v: v.length ? v.reduce((x, y) => x + y, 0) : null,
              m: v.length ? Math.max(...v) : null,
              mi: m.length ? Math.min(...m) : null,
            };
          });
        const aids = [...new Set(pvis.map((p) => p.authorId))].sort();
        exp.having = aids.map((id) => ({ a: id, n: pvis.filter((p) => p.authorId === id).length }));
        exp.distinct = [...new Set(pvis.map((p) => p.status))].sort().map((s) => ({ s }));
        exp.distinctJoin = [
          ...new Set(pvis.flatMap((p) => avis.filter((a) => a._id === p.authorId).map((a) => a.name))),
        ]
          .sort()
          .map((s) => ({ s }));
        exp.selfN = pvis.reduce((n, p) => n + pvis.filter((q) => q.authorId === p.authorId).length, 0);
        exp.cd = [{ n: aids.length }];
        const problems: string[] = [];
        for (const k of ['inner', 'left', 'leftNull', 'leftCnt', 'having', 'distinct', 'distinctJoin', 'cd']) {
          if (canon(got[k]) !== canon(exp[k]))
            problems.push(
              `${k}: got ${JSON.stringify(got[k]).slice(0, 400)} exp ${JSON.stringify(exp[k]).slice(0, 400)}`,
            );
        }
        if (!Array.isArray(got.self) || got.self.length !== exp.selfN)
          problems.push(`self ${got.self?.length} vs ${exp.selfN}`);
        if (
          !Array.isArray(got.innerLim) ||
          got.innerLim.length !== Math.min(5, exp.inner.length) ||
          got.innerLim.some((r: any) => !exp.inner.some((e: any) => e.t === r.t && e.n === r.n))
        )
          problems.push(`innerLim ${JSON.stringify(got.innerLim)}`);
        out.push([an, pn, problems]);
      }
    expect(out.filter((x: any) => x[2].length)).toEqual([]);
  });
});
