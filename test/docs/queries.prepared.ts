// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The prepared page of docs/queries.md, type-checked by `tsc`. */
import { paginationOptsValidator } from 'convex/server';
import { v } from 'convex/values';
import { sql } from 'convex-orm';
import { orm } from './queries.orm';
import { query } from './queries.server';

const postsOfAuthorPage = orm.query.posts
  .paginate({ where: { authorId: sql.placeholder('authorId') }, orderBy: { publishedAt: 'desc' } })
  .prepare('postsOfAuthorPage');

export const postsByAuthor = query({
  args: { authorId: v.id('users'), paginationOpts: paginationOptsValidator },
  handler: (ctx, { authorId, paginationOpts }) => postsOfAuthorPage.execute(ctx, paginationOpts, { authorId }),
});

export { postsOfAuthorPage };
