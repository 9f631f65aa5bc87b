import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  number,
  text,
} from '../../../src/index';
import { countReads } from '../../../src/testing/index';

// A blog: users (40, five posts each) with an index on each of role, age and score; posts by author.
export const users = convexTable(
  'users',
  { name: text().notNull(), email: text().notNull().unique(), role: text(), age: integer(), score: integer() },
  (t) => [index('by_role').on(t.role), index('by_age').on(t.age), index('by_score').on(t.score)],
);
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    publishedAt: number(),
    status: text(),
    views: integer(),
  },
  (t) => [index('by_author').on(t.authorId, t.publishedAt), index('by_status').on(t.status)],
);
export const tables = { users, posts };
export const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
export const orm = createOrm({ relations });
export const strictOrm = createOrm({ relations, strict: true });
export const schema = defineSchema(tables);

export const backend = () => convexTest({ schema, modules, transactionLimits: true });

/**
 * `userCount` users u0.. (every 4th an admin, age 20 + i, null for every 7th), each with
 * `postsEach` posts published i * 10 + j, the last one a 'draft' (the others 'live'), views j * 10.
 */
export async function seeded(userCount = 40, postsEach = 5) {
  const t = backend();
  await t.run(async (raw: any) => {
    for (let i = 0; i < userCount; i++) {
      const user = await raw.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x`,
        role: i % 4 === 0 ? 'admin' : 'member',
        age: i % 7 === 0 ? null : 20 + i,
        score: i,
      });
      for (let j = 0; j < postsEach; j++) {
        await raw.db.insert('posts', {
          title: `p${i}-${j}`,
          authorId: user,
          publishedAt: i * 10 + j,
          status: j === postsEach - 1 ? 'draft' : 'live',
          views: j * 10,
        });
      }
    }
  });
  return t;
}

/** The result and the reads (documents, ranges) of `body` on a counting ctx. */
export async function counted<T>(raw: any, body: (ctx: any) => Promise<T>) {
  const { ctx, reads } = countReads(raw);
  const result = await body(ctx);
  return { result, reads: { ...reads } };
}
