// A `with` load, `_count` or nested load that takes the rows a relation order
// read (src/query/heldRelatedRows.ts) gives exactly what the same query without the relation
// order gives: seeded queries over self relations, one-then-many order paths, load orderBy (ties,
// index-served, relation orders inside the load), limit/offset, columns, extras, nested with, under
// no rules, object rules (incl. an `in` rule over an index), function rules, soft delete and withDeleted.
import { describe, expect, it } from 'vitest';
import { fnRule, inRule, objRule, pick, plain, rng, seed } from './sharedReadsWorld';

function genLoad(r: () => number): any {
  const load: any = {};
  if (r() < 0.5)
    load.orderBy = pick(r, [
      { views: 'desc' },
      { views: 'asc' },
      { title: 'desc' },
      { status: 'asc', views: 'desc' },
      { comments: 'desc(count)' },
      { comments: { score: 'desc(max)' } },
      { _creationTime: 'desc' },
      { status: 'desc' },
      { authorId: 'asc', status: 'desc' },
    ]);
  if (r() < 0.5) load.limit = Math.floor(r() * 3);
  if (r() < 0.3) load.offset = Math.floor(r() * 2);
  if (r() < 0.3) load.columns = { title: true, views: true };
  if (r() < 0.3) load.with = { comments: r() < 0.5 ? true : { orderBy: { score: 'desc' }, limit: 1 } };
  if (r() < 0.3) load._count = { comments: true };
  if (r() < 0.2) load.extras = { v2: (p: any) => (p.views ?? 0) * 2 };
  return load;
}
const orders = [
  { posts: 'desc(count)' },
  { posts: { views: 'desc(max)' } },
  { posts: { views: 'asc(min)' } },
  { reports: { posts: 'desc(count)' } },
  { posts: { comments: 'desc(count)' } },
  { manager: { posts: 'desc(count)' } },
];

describe('held rows differential', () => {
  for (let s = 1; s <= 60; s++) {
    it(`seed ${s}`, async () => {
      const r = rng(s);
      const t = await seed(r, 22);
      const db = pick(r, [inRule, inRule, objRule, fnRule, plain]);
      const withDeleted = r() < 0.3;
      const order = pick(r, orders);
      const cfg: any = { with: {} };
      if (r() < 0.8) cfg.with.posts = genLoad(r);
      if (r() < 0.4) cfg._count = { posts: true };
      if (r() < 0.3) cfg.with.reports = { with: { posts: genLoad(r) } };
      if (r() < 0.3) cfg.with.manager = { with: { posts: genLoad(r) } };
      if (r() < 0.2) cfg.with.posts = { ...(cfg.with.posts ?? {}), with: { author: { with: { posts: genLoad(r) } } } };
      if (Object.keys(cfg.with).length === 0 && !cfg._count) cfg.with.posts = true;
      if (withDeleted) cfg.withDeleted = true;
      const out = await t.run(async (raw: any) => {
        const ordered = await db.db(raw).query.users.findMany({ ...cfg, orderBy: { ...order, name: 'asc' } } as any);
        const own = await db.db(raw).query.users.findMany({ ...cfg, orderBy: { name: 'asc' } } as any);
        return { ordered, own };
      });
      const own = Object.fromEntries(out.own.map((u: any) => [u.name, u]));
      expect(
        out.ordered.map((u: any) => own[u.name]),
        JSON.stringify({ order, cfg, withDeleted, db: [inRule, inRule, objRule, fnRule, plain].indexOf(db) }),
      ).toEqual(out.ordered);
    });
  }
});
