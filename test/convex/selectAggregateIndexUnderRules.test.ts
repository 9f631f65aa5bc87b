// docs/select.md "Costs": a grouped select / $count is served by an
// aggregate index only when the whole filter, read rule included, is equality on a key prefix plus
// one range; a rule the buckets cannot answer (ne, notIn, NOT, OR, a range on an id) reads the rows,
// and results are the same either way. Backfilled indexes, complement/range/OR rules, count/sum/min/max
// with and without groupBy, and db.$count, against the visible rows computed in JS.
import { describe, expect, it } from 'vitest';
import { asc, count, createOrm, defineRules, eq, max, min, sum } from '../../src/index';
import { type Db, posts, relations } from './aggregates/fixture';
import { world } from './selectRulesWorld';

describe('scratch', () => {
  it('aggregate-served under various rules', async () => {
    const { t, ids } = await world();
    const { a, b } = ids;
    const all = await t.run(async (ctx) => ctx.db.query('posts').collect());
    const cases: [string, unknown, (r: any) => boolean][] = [
      ['ne status', { status: { ne: 'draft' } }, (r) => r.status !== 'draft'],
      ['in author', { authorId: { in: [a] } }, (r) => r.authorId === a],
      ['ne author', { authorId: { ne: a } }, (r) => r.authorId !== a],
      ['notIn author', { authorId: { notIn: [a, b] } }, (r) => r.authorId !== a && r.authorId !== b],
      ['NOT author', { NOT: { authorId: a } }, (r) => r.authorId !== a],
      ['pub & ne a', { status: 'published', authorId: { ne: a } }, (r) => r.status === 'published' && r.authorId !== a],
      ['OR', { OR: [{ authorId: a }, { status: 'published' }] }, (r) => r.authorId === a || r.status === 'published'],
      ['gt author', { authorId: { gt: a } }, (r) => r.authorId > a],
      ['in status', { status: { in: ['published'] } }, (r) => r.status === 'published'],
      ['status in author ne', { status: { in: ['published', 'draft'] }, authorId: { ne: b } }, (r) => r.authorId !== b],
    ];
    const bad: string[] = [];
    for (const [name, rule, pred] of cases) {
      const orm = createOrm({
        relations,
        rules: defineRules(relations, () => ({ posts: { read: rule as never }, authors: { read: {} } })),
      });
      const vis = all.filter(pred);
      const out = await t.run(async (ctx) => {
        const db = orm.db(ctx as never) as Db;
        const r1 = await db
          .select({ n: count(), s: sum(posts.views), lo: min(posts.views), hi: max(posts.views) })
          .from(posts);
        const r2 = await db
          .select({ st: posts.status, n: count(), s: sum(posts.views), lo: min(posts.views), hi: max(posts.views) })
          .from(posts)
          .groupBy(posts.status)
          .orderBy(asc(posts.status));
        const r3 = await db
          .select({
            au: posts.authorId,
            n: count(),
            s: sum(posts.views),
            lo: min(posts.publishedAt),
            hi: max(posts.publishedAt),
          })
          .from(posts)
          .groupBy(posts.authorId)
          .orderBy(asc(posts.authorId));
        const r4 = await db.$count(posts);
        const r5 = await db.$count(posts, eq(posts.status, 'published'));
        const e = db.select({ st: posts.status, n: count() }).from(posts).groupBy(posts.status).explain();
        return { r1, r2, r3, r4, r5, e: e.aggregate };
      });
      const agg = (rows: any[], f: string) => {
        const v = rows.map((r) => r[f]).filter((x) => x !== null && x !== undefined);
        return {
          n: rows.length,
          s: v.length ? v.reduce((x, y) => x + y, 0) : null,
          lo: v.length ? Math.min(...v) : null,
          hi: v.length ? Math.max(...v) : null,
        };
      };
      const e1 = [agg(vis, 'views')];
      const sts = [...new Set(vis.map((r) => r.status))].sort();
      const e2 = sts.map((st) => ({
        st,
        ...agg(
          vis.filter((r) => r.status === st),
          'views',
        ),
      }));
      const aus = [...new Set(vis.map((r) => r.authorId))].sort();
      const e3 = aus.map((au) => {
        const rs = vis.filter((r) => r.authorId === au);
        const v = agg(rs, 'views');
        const p = agg(rs, 'publishedAt');
        return { au, n: rs.length, s: v.s, lo: p.lo, hi: p.hi };
      });
      const got = { r1: out.r1, r2: out.r2, r3: out.r3, r4: out.r4, r5: out.r5 };
      const exp = { r1: e1, r2: e2, r3: e3, r4: vis.length, r5: vis.filter((r) => r.status === 'published').length };
      const canon = (v: unknown) =>
        JSON.stringify(v, (_k, x) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x,
        );
      if (canon(got) !== canon(exp))
        bad.push(`${name} ${out.e}\n got ${JSON.stringify(got)}\n exp ${JSON.stringify(exp)}`);
    }
    expect(bad).toEqual([]);
  });
});
