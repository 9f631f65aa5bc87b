// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/** The vector search of docs/queries.md (the app's `convex/posts.ts`), type-checked by `tsc`. */
import { v } from 'convex/values';
import { orm } from './queries.orm';
import type { posts, users } from './queries.schema';
import { action, internal, internalQuery } from './queries.server';

type PostWithAuthor = typeof posts.$inferSelect & { author: typeof users.$inferSelect };

export const similar = action({
  args: { vector: v.array(v.float64()) },
  // annotated: the result comes through `internal`, whose type is this module's (Convex's type cycle)
  handler: async (ctx, { vector }): Promise<PostWithAuthor[]> => {
    const found = await orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector, limit: 8 });
    return ctx.runQuery(internal.posts.byIds, { ids: found.map((result) => result._id) });
  },
});

export const byIds = internalQuery({
  args: { ids: v.array(v.id('posts')) },
  handler: (ctx, { ids }) => orm.db(ctx).query.posts.findMany({ where: { _id: { in: ids } }, with: { author: true } }),
});
