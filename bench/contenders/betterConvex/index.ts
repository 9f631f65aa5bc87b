import { createOrm, eq } from 'better-convex/orm';
import type { GenericDataModel, GenericMutationCtx } from 'convex/server';
import type { BenchCtx, Contender } from '../../contender.js';
import schema, { posts, relations, users } from './schema.js';

/** better-convex@0.11 (`better-convex/orm`), written the way its API asks for each task. */
const orm = createOrm({ schema: relations });
const db = (ctx: BenchCtx) => orm.db(ctx as unknown as GenericMutationCtx<GenericDataModel>);

const publishedDesc = { where: { status: 'published' as const }, orderBy: { publishedAt: 'desc' as const }, limit: 20 };

export const betterConvex: Contender = {
  key: 'better-convex',
  label: 'better-convex 0.11',
  schema,
  missing: {
    6: "0.11 cannot page 'status = published order by publishedAt': with the by_status index chosen it needs a post-fetch sort, which cursor mode rejects when strict (and replaces by _creationTime order when not)",
  },
  workloads: {
    1: (ctx, { fixture }) => db(ctx).query.users.findFirst({ where: { email: fixture.data.lookupEmail } }),
    2: (ctx) => db(ctx).query.posts.findMany(publishedDesc),
    3: (ctx) =>
      db(ctx).query.users.findMany({ limit: 50, with: { posts: { orderBy: { publishedAt: 'desc' }, limit: 5 } } }),
    4: (ctx) => db(ctx).query.groups.findMany({ limit: 5, with: { members: { limit: 100 } } }),
    5: (ctx, { fixture }) =>
      db(ctx).query.users.findMany({
        where: { posts: { title: { startsWith: fixture.data.titlePrefix } } },
        limit: 20,
        allowFullScan: true,
      }),
    7: async (ctx, { fixture, run }) => {
      const rows = Array.from({ length: fixture.config.inserts }, (_, i) => ({
        name: `Bulk ${i}`,
        email: `bulk${run}-${i}@example.com`,
        role: 'member' as const,
        age: 30,
      }));
      await db(ctx).insert(users).values(rows);
    },
    8: async (ctx, { fixture, run }) => {
      const author = fixture.ids.users[fixture.data.prolific]!;
      await db(ctx)
        .update(posts)
        .set({ views: run })
        .where(eq(posts.authorId, author as never));
    },
    9: async (ctx, { fixture, run }) => {
      const user = fixture.ids.users[fixture.data.heavy[run]!]!;
      await db(ctx)
        .delete(users)
        .where(eq(users.id, user as never));
    },
  },
};
