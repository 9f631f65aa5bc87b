// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The ORM of docs/queries.md, its paginated and prepared queries, type-checked by `tsc`. */
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { query } from './queries.server';

import { createOrm } from 'convex-orm';
import { relations } from './queries.schema';

export const orm = createOrm({ relations });         // module scope, once
// strict: true      -> full table scans throw FULL_SCAN_FORBIDDEN
// scanBudget: 5000  -> documents one query may read (default DEFAULT_SCAN_BUDGET = 10,000)
// cursorSecret: process.env.CONVEX_ORM_CURSOR_SECRET -> sealed page cursors (required with rules)

export const list = query({
  args: {},
  handler: (ctx) => orm.db(ctx).query.users.findMany({ limit: 20 }),
});

export const postsByAuthor = query({
  args: { authorId: v.id('users'), paginationOpts: paginationOptsValidator },
  handler: (ctx, { authorId, paginationOpts }) =>
    orm.db(ctx).query.posts.paginate(paginationOpts, { where: { authorId }, orderBy: { publishedAt: 'desc' } }),
});

import { sql } from 'convex-orm'; // or: import { placeholder } from 'convex-orm'

const postsOfAuthor = orm.query.posts
  .findMany({
    where: { authorId: sql.placeholder('author'), publishedAt: { gt: sql.placeholder('after') } },
    orderBy: { publishedAt: 'desc' },
    limit: sql.placeholder('limit'),
    with: { comments: { where: { body: { like: sql.placeholder('pattern') } } } },
  })
  .prepare('postsOfAuthor');

export const recent = query({
  args: { authorId: v.id('users') },
  handler: (ctx, { authorId }) =>
    postsOfAuthor.execute(ctx, { author: authorId, after: Date.now() - 86_400_000, limit: 20, pattern: '%' }),
});

export { postsOfAuthor };
