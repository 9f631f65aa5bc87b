import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { backfillAll } from './fixture';

// docs/aggregates.md: soft-deleted rows are not in the buckets, and a read with withDeleted is not
// served (it falls back). Every aggregate read path, with and without withDeleted, on a built index.
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  { authorId: id('users').notNull(), v: integer().notNull(), deletedAt: timestamp() },
  (t) => [
    index('by_author').on(t.authorId, t.deletedAt),
    deletion('soft', { column: t.deletedAt }),
    aggregateIndex('posts_by_author').on(t.authorId).count().sum(t.v).shards(1),
  ],
);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });

describe('withDeleted on reads an aggregate index serves', () => {
  it('count, aggregate, groupBy, _count, relation order and db.select() count soft-deleted rows only with withDeleted', async () => {
    const t = convexTest({ schema: defineSchema(tables), modules });
    const uid = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [u] = await db.insert(users).values({ name: 'u' }).returning();
      const rows = await db
        .insert(posts)
        .values([1, 2, 3].map((v) => ({ authorId: u!._id, v })))
        .returning();
      await db.delete(posts).where(eq(posts._id, rows[0]!._id));
      return u!._id;
    });
    await backfillAll(t, 500, [users, posts].map(getTableConfig));
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      return {
        count: [
          await db.query.posts.count({ where: { authorId: uid } }),
          await db.query.posts.count({ where: { authorId: uid }, withDeleted: true }),
        ],
        aggregate: [
          await db.query.posts.aggregate({ where: { authorId: uid }, _count: true, _sum: { v: true } }),
          await db.query.posts.aggregate({
            where: { authorId: uid },
            withDeleted: true,
            _count: true,
            _sum: { v: true },
          }),
        ],
        groupBy: [
          await db.query.posts.groupBy({ by: ['authorId'], _count: true }),
          await db.query.posts.groupBy({ by: ['authorId'], withDeleted: true, _count: true }),
        ],
        relationCount: [
          await db.query.users.findMany({ columns: { name: true }, _count: { posts: true } }),
          await db.query.users.findMany({ withDeleted: true, columns: { name: true }, _count: { posts: true } }),
        ],
        select: [
          await db.select({ n: count() }).from(posts).where(eq(posts.authorId, uid)),
          await db.select({ n: count() }).from(posts).where(eq(posts.authorId, uid)).withDeleted(),
        ],
        selectJoin: [
          await db
            .select({ u: users.name, n: count(posts._id) })
            .from(users)
            .leftJoin(posts, eq(posts.authorId, users._id))
            .groupBy(users.name),
          await db
            .select({ u: users.name, n: count(posts._id) })
            .from(users)
            .leftJoin(posts, eq(posts.authorId, users._id))
            .groupBy(users.name)
            .withDeleted(),
        ],
      };
    });
    expect(out).toEqual({
      count: [2, 3],
      aggregate: [
        { _count: 2, _sum: { v: 5 } },
        { _count: 3, _sum: { v: 6 } },
      ],
      groupBy: [[{ authorId: uid, _count: 2 }], [{ authorId: uid, _count: 3 }]],
      relationCount: [[{ name: 'u', _count: { posts: 2 } }], [{ name: 'u', _count: { posts: 3 } }]],
      select: [[{ n: 2 }], [{ n: 3 }]],
      selectJoin: [[{ u: 'u', n: 2 }], [{ u: 'u', n: 3 }]],
    });
  });
});
