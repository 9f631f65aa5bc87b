// A `with` load, `_count` or nested load that takes the rows a relation order
// read (src/query/heldRelatedRows.ts) gives exactly what the same query without the relation
// order gives: seeded queries over self relations, one-then-many order paths, load orderBy (ties,
// index-served, relation orders inside the load), limit/offset, columns, extras, nested with, under
// no rules, object rules (incl. an `in` rule over an index), function rules, soft delete and withDeleted.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  integer,
  text,
} from '../../../src/index';

const users = convexTable('users', { name: text().notNull(), managerId: id('users'), deletedAt: integer() }, (t) => [
  index('by_manager').on(t.managerId),
  deletion('soft', { column: t.deletedAt }),
]);
const posts = convexTable(
  'posts',
  { title: text().notNull(), authorId: id('users').notNull(), status: text(), views: integer(), deletedAt: integer() },
  (t) => [
    index('by_author').on(t.authorId),
    index('by_author_views').on(t.authorId, t.views),
    index('by_author_status').on(t.authorId, t.status),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const comments = convexTable(
  'comments',
  { body: text().notNull(), postId: id('posts').notNull(), score: integer() },
  (t) => [index('by_post').on(t.postId)],
);
const tables = { users, posts, comments };
const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    manager: r.one.users({ from: r.users.managerId, to: r.users._id, alias: 'm' }),
    reports: r.many.users({ alias: 'm' }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }), comments: r.many.comments() },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
}));
const schema = defineSchema(tables);
const plain = createOrm({ relations });
const objRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { status: { ne: 'secret' } } } })),
});
const inRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { status: { in: ['live', 'draft'] } } } })),
});
const fnRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    posts: { read: ((p: any) => p.views % 3 !== 0) as never },
    comments: { read: ((c: any) => c.score !== 2) as never },
  })),
});

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function seed(r: () => number) {
  const t = convexTest(schema, modules);
  await t.run(async (raw: any) => {
    const ids: any[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        await raw.db.insert('users', {
          name: `u${i}`,
          managerId: i > 0 && r() < 0.7 ? ids[Math.floor(r() * i)] : null,
          deletedAt: r() < 0.15 ? 1 : null,
        }),
      );
    }
    for (let j = 0; j < 22; j++) {
      const p = await raw.db.insert('posts', {
        title: `p${j}`,
        authorId: ids[Math.floor(r() * 7)],
        status: ['live', 'draft', 'secret', null][Math.floor(r() * 4)],
        views: Math.floor(r() * 4),
        deletedAt: r() < 0.2 ? 1 : null,
      });
      const n = Math.floor(r() * 3);
      for (let k = 0; k < n; k++)
        await raw.db.insert('comments', { body: `c${j}-${k}`, postId: p, score: Math.floor(r() * 3) });
    }
  });
  return t;
}

const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)]!;

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
      const t = await seed(r);
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
