import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { sql } from 'convex-orm';
import { query } from './_generated/server';
import { orm } from './orm';

/** Users with their latest posts (per-user limit), each post's comment count as an extra. */
export const usersWithLatestPosts = query({
  args: { postsPerUser: v.number() },
  handler: (ctx, { postsPerUser }) =>
    orm.db(ctx).query.users.findMany({
      columns: { _id: true, name: true },
      orderBy: { _creationTime: 'asc' },
      limit: 20,
      with: {
        posts: {
          columns: { title: true, publishedAt: true },
          where: { publishedAt: { isNotNull: true } },
          orderBy: { publishedAt: 'desc' },
          limit: postsPerUser,
        },
      },
    }),
});

/** A post with its author and comments (and each comment's author). */
export const postById = query({
  args: { id: v.id('posts') },
  handler: (ctx, { id }) =>
    orm.db(ctx).query.posts.findFirst({
      where: { _id: id },
      with: { author: { columns: { name: true } }, comments: { with: { author: { columns: { name: true } } } } },
    }),
});

/** Users who wrote a post whose title starts with `prefix` (a relation filter). */
export const authorsOf = query({
  args: { prefix: v.string() },
  handler: (ctx, { prefix }) =>
    orm.db(ctx).query.users.findMany({
      columns: { name: true },
      where: { posts: { title: { like: `${prefix}%` } } },
      orderBy: { _creationTime: 'asc' },
      limit: 50,
    }),
});

const postsOfAuthorPage = orm.query.posts
  .paginate({
    where: { authorId: sql.placeholder('authorId') },
    orderBy: { publishedAt: 'desc' },
    columns: { title: true, publishedAt: true },
  })
  .prepare('postsOfAuthorPage');

/** `postsByAuthor` prepared at module scope: the query's `paginationOpts` pass straight to `execute`. */
export const postsByAuthorPrepared = query({
  args: { authorId: v.id('users'), paginationOpts: paginationOptsValidator },
  handler: (ctx, { authorId, paginationOpts }) => postsOfAuthorPage.execute(ctx, paginationOpts, { authorId }),
});

/** A page of one author's posts, newest first, for `usePaginatedQuery`. */
export const postsByAuthor = query({
  args: { authorId: v.id('users'), paginationOpts: paginationOptsValidator },
  handler: (ctx, { authorId, paginationOpts }) =>
    orm.db(ctx).query.posts.paginate(paginationOpts, {
      where: { authorId },
      orderBy: { publishedAt: 'desc' },
      columns: { title: true, publishedAt: true },
    }),
});
