import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
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
  searchIndex,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { CURSOR_SECRET } from './cursorSecret';

// Searched posts with a `one` author and `many` comments; soft delete on users and posts.
const users = convexTable('users', { name: text().notNull(), deletedAt: integer() }, (t) => [
  index('by_name').on(t.name),
  deletion('soft', { column: t.deletedAt }),
]);
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users').notNull(),
    status: text().notNull(),
    views: integer(),
    deletedAt: integer(),
  },
  (t) => [
    index('by_author').on(t.authorId),
    searchIndex('search_title').on(t.title).filter(t.status),
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
  users: { posts: r.many.posts() },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
    comments: r.many.comments(),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
}));
export const schema = defineSchema(tables);
export const plain = createOrm({ relations, cursorSecret: CURSOR_SECRET });
export const commentRule = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  rules: defineRules(relations, () => ({
    comments: { read: { score: { ne: 2 } } },
  })),
});
export const fnRule = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  rules: defineRules(relations, () => ({
    posts: { read: ((p: any) => (p.views ?? 0) % 3 !== 0) as never },
    comments: { read: ((c: any) => c.score !== 2) as never },
    users: { read: ((u: any) => u.name !== 'u1') as never },
  })),
});
export const userRule = createOrm({
  relations,
  cursorSecret: CURSOR_SECRET,
  rules: defineRules(relations, () => ({
    users: { read: { name: { ne: 'u2' } } },
  })),
});

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** `nUsers` users (some soft deleted), `nPosts` posts titled "intro …"/"other …", 0-4 comments each. */
export async function seed(r: () => number, nUsers = 5, nPosts = 24) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx: any) => {
    const us = [];
    for (let i = 0; i < nUsers; i++)
      us.push(
        await ctx.db.insert('users', {
          name: `u${i}`,
          ...(r() < 0.2 ? { deletedAt: 1 } : {}),
        }),
      );
    for (let i = 0; i < nPosts; i++) {
      const p = await ctx.db.insert('posts', {
        title: `${r() < 0.8 ? 'intro' : 'other'} ${i}`,
        authorId: pick(r, us),
        status: pick(r, ['live', 'draft']),
        views: Math.floor(r() * 6),
        ...(r() < 0.15 ? { deletedAt: 1 } : {}),
      });
      const n = Math.floor(r() * 5);
      for (let j = 0; j < n; j++)
        await ctx.db.insert('comments', {
          body: `c${j}`,
          postId: p,
          score: Math.floor(r() * 4),
        });
    }
  });
  return t;
}

export async function counted<T>(raw: any, run: (ctx: any) => Promise<T>) {
  const { ctx, reads } = countReads(raw);
  const result = await run(ctx);
  return { result, reads: { ...reads } };
}
