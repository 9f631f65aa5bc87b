// biome-ignore-all format: the guide's blocks, verbatim
// biome-ignore-all assist/source/organizeImports: the guide's blocks, verbatim
/**
 * The code of docs/aggregates.md, type-checked by `tsc`; aggregates.test.ts checks that every
 * ```ts block of the guide appears here or in aggregates.functions.ts verbatim (up to
 * indentation) and runs the reads.
 */
import type { GenericId } from 'convex/values';
import { createOrm, defineRelations, defineSchema, type OrmWriter } from 'convex-orm';
import { aggregateIndex, convexTable, id, index, integer, text, textEnum, timestamp } from 'convex-orm';

export const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users').notNull(),
  status: textEnum(['draft', 'published']).notNull(),
  views: integer(),
  publishedAt: timestamp(),
}, (t) => [
  index('by_author').on(t.authorId),
  aggregateIndex('posts_by_author').on(t.authorId)
    .count().sum(t.views).avg(t.views).min(t.publishedAt).max(t.publishedAt),
  aggregateIndex('posts_by_status').on(t.status, t.authorId).count().sum(t.views),
  aggregateIndex('posts_all').all().count(),
]);

export const users = convexTable('users', { name: text().notNull() });
export const schema = defineSchema({ users, posts });
export const relations = defineRelations({ users, posts }, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
export const orm = createOrm({ relations });

/** The reads of the guide's "Read" section. */
export async function reads(db: OrmWriter<typeof relations>, authorId: GenericId<'users'>) {
  await db.query.posts.count({ where: { authorId } });               // reads the state + the key's shards (at most 4)
  await db.query.posts.aggregate({
    where: { authorId },
    _count: true, _sum: { views: true }, _avg: { views: true },
    _min: { publishedAt: true }, _max: { publishedAt: true },
  }); // { _count: 3, _sum: { views: 30 }, _avg: { views: 15 }, _min: { publishedAt: 1 }, _max: { publishedAt: 5 } }
  await db.query.posts.groupBy({
    by: ['status'], _count: true, _sum: { views: true }, orderBy: { _count: 'desc' }, limit: 10,
  }); // [{ status: 'draft', _count: 3, _sum: { views: 6 } }, ...]
  await db.query.users.findMany({ _count: { posts: true } });         // row._count.posts
}
