// Fixture of explain tests found by review: users (by_org, aggregate users_by_org), profiles (a one
// relation not by id), posts (by_author, by_status, aggregate posts_by_author on (authorId, status),
// a search index), comments; a plain ORM and one under read rules; seeded data, aggregates backfilled.
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  id,
  index,
  integer,
  searchIndex,
  text,
  textEnum,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { seededRandom } from '../../seededRandom';

export { logged, type Opened } from '../../convex/explain/fixture';

export const users = convexTable('users', { name: text().notNull(), org: text().notNull(), age: integer() }, (t) => [
  index('by_org').on(t.org, t.age),
  aggregateIndex('users_by_org').on(t.org).count().sum(t.age),
]);
export const profiles = convexTable('profiles', { userId: id('users').notNull(), bio: text().notNull() }, (t) => [
  index('by_user').on(t.userId),
]);
export const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    status: textEnum(['draft', 'live']).notNull(),
    score: integer().notNull(),
    title: text().notNull(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.score),
    index('by_status').on(t.status, t.score),
    aggregateIndex('posts_by_author').on(t.authorId, t.status).count().sum(t.score),
    searchIndex('search_title').on(t.title).filter(t.status),
  ],
);
export const comments = convexTable('comments', { postId: id('posts').notNull(), n: integer().notNull() }, (t) => [
  index('by_post').on(t.postId, t.n),
]);
export const tables = { users, profiles, posts, comments };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  users: {
    profile: r.one.profiles({ from: r.users._id, to: r.profiles.userId }),
    posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }),
  },
  profiles: { user: r.one.users({ from: r.profiles.userId, to: r.users._id, optional: false }) },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }),
    comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id, optional: false }) },
}));
export const plain = createOrm({ relations });
export const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    users: { read: { org: 'a' } },
    profiles: { read: {} },
    posts: { read: { status: 'live' } },
    comments: { read: {} },
  })),
});

export async function world(seed = 3, nUsers = 12, built = true) {
  const t = convexTest({ schema, modules });
  const random = seededRandom(seed);
  await t.run(async (ctx) => {
    for (let i = 0; i < nUsers; i++) {
      const u = await ctx.db.insert('users', { name: `u${i}`, org: i % 3 === 0 ? 'b' : 'a', age: i });
      if (i % 2 === 0) {
        await ctx.db.insert('profiles', { userId: u, bio: `p${i}a` });
        if (i % 4 === 0) await ctx.db.insert('profiles', { userId: u, bio: `p${i}b` });
      }
      const n = Math.floor(random() * 5);
      for (let j = 0; j < n; j++) {
        const p = await ctx.db.insert('posts', {
          authorId: u,
          status: random() < 0.5 ? 'draft' : 'live',
          score: Math.floor(random() * 10),
          title: `hello ${j}`,
        });
        for (let k = 0; k < Math.floor(random() * 3); k++) await ctx.db.insert('comments', { postId: p, n: k });
      }
    }
  });
  if (built)
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, Object.values(tables).map(getTableConfig), 100));
      if (step.batch === null) break;
    }
  return t;
}
