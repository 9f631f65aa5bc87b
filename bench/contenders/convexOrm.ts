import { createOrm, eq } from 'convex-orm';
import type { Contender } from '../contender.js';
import schema, { posts, relations, users } from '../convex/schema.js';

/** convex-orm, written the way its docs show for each task. */
const orm = createOrm({ relations });

const published = { where: { status: 'published' }, orderBy: { publishedAt: 'desc' } } as const;

export const convexOrm: Contender = {
  key: 'convex-orm',
  label: 'convex-orm',
  schema,
  workloads: {
    1: (ctx, { fixture }) => orm.db(ctx).query.users.findFirst({ where: { email: fixture.data.lookupEmail } }),
    2: (ctx) => orm.db(ctx).query.posts.findMany({ ...published, limit: 20 }),
    3: (ctx) =>
      orm.db(ctx).query.users.findMany({ limit: 50, with: { posts: { orderBy: { publishedAt: 'desc' }, limit: 5 } } }),
    4: (ctx) => orm.db(ctx).query.groups.findMany({ limit: 5, with: { members: true } }),
    5: (ctx, { fixture }) =>
      orm.db(ctx).query.users.findMany({
        where: { posts: { title: { like: `${fixture.data.titlePrefix}%` } } },
        limit: 20,
      }),
    6: (ctx, { previous }) =>
      orm
        .db(ctx)
        .query.posts.paginate(
          { numItems: 20, cursor: (previous as { continueCursor?: string } | undefined)?.continueCursor ?? null },
          published,
        ),
    7: (ctx, { fixture, run }) =>
      orm
        .db(ctx)
        .insert(users)
        .values(
          Array.from({ length: fixture.config.inserts }, (_, i) => ({
            name: `Bulk ${i}`,
            email: `bulk${run}-${i}@example.com`,
            role: 'member' as const,
            age: 30,
          })),
        ),
    8: (ctx, { fixture, run }) =>
      orm
        .db(ctx)
        .update(posts)
        .set({ views: run })
        .where(eq(posts.authorId, fixture.ids.users[fixture.data.prolific]!)),
    9: (ctx, { fixture, run }) =>
      orm.db(ctx).delete(users).where(eq(users._id, fixture.ids.users[fixture.data.heavy[run]!]!)),
  },
};
