import { convexTest } from 'convex-test';
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

// The world of the seeded differentials of relation reads shared within a query: users with a
// manager (a self relation), their posts and the posts' comments, soft delete on users and posts,
// indexes that serve a load's orders, and ORMs under rules of each kind.
const users = convexTable('users', { name: text().notNull(), managerId: id('users'), deletedAt: integer() }, (t) => [
  index('by_manager').on(t.managerId),
  index('by_name').on(t.name),
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
export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    manager: r.one.users({ from: r.users.managerId, to: r.users._id, alias: 'm' }),
    reports: r.many.users({ alias: 'm' }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }), comments: r.many.comments() },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
}));
const schema = defineSchema(tables);

export const plain = createOrm({ relations });
/** An object rule. */
export const objRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { status: { ne: 'secret' } } } })),
});
/** An object rule an index serves (`in`). */
export const inRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { status: { in: ['live', 'draft'] } } } })),
});
/** A rule that is a relation filter. */
export const relRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ posts: { read: { comments: { score: { ne: 2 } } } } })),
});
/** Function rules on posts and comments. */
export const fnRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    posts: { read: ((p: any) => p.views % 3 !== 0) as never },
    comments: { read: ((c: any) => c.score !== 2) as never },
  })),
});

/** A deterministic generator (an LCG) of the seeds the differentials were written with. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)]!;

/** 7 users (some managed, some soft-deleted) and `postCount` posts of random authors, status, views, deletion and 0-2 comments. */
export async function seed(r: () => number, postCount: number) {
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
    for (let j = 0; j < postCount; j++) {
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
