// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The prepared select of docs/select.md on the example app, type-checked by `tsc`; select.test.ts runs it. */
import { v } from 'convex/values';
import { eq, like, sql } from 'convex-orm';
import { query } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';

const postsByTitle = orm
  .select({ title: posts.title, author: users.name })
  .from(posts)
  .innerJoin(users, eq(posts.authorId, users._id))
  .where(like(posts.title, sql.placeholder('pattern')))
  .orderBy(posts.title)
  .limit(sql.placeholder('limit'))
  .prepare('postsByTitle');

export const titles = query({
  args: { pattern: v.string() },
  handler: (ctx, { pattern }) => postsByTitle.execute(ctx, { pattern, limit: 20 }),
});

export { postsByTitle };
