// Claim check (review of soft delete; no bug found): an upsert whose conflict row is soft-deleted.
// docs/mutations.md "Soft and scheduled delete": "Upserts, unique constraints and foreign keys see
// soft-deleted rows as the rows they are: a soft-deleted row keeps its unique values" and "Update
// targets soft-deleted rows too"; docs/aggregates.md: "Soft-deleted rows are not in the buckets".
// Expected: onConflictDoUpdate updates the soft-deleted row in place (no insert, it stays deleted
// unless the set restores it), onConflictDoNothing writes nothing, and a served aggregate (count,
// sum, min, max through the index) never sees the soft-deleted row's new values, only after a
// restore; the upsert's own set of the deletion column takes a live row out of the buckets.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
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

const users = convexTable('users', { slug: text().notNull().unique() });
const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    key: text().notNull().unique(),
    views: integer().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.deletedAt),
    aggregateIndex('pa').on(t.authorId).count().sum(t.views).min(t.views).max(t.views),
    deletion('soft', { column: t.deletedAt }),
  ],
);
const tables = { users, posts };
const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
}));
const orm = createOrm({ relations });

it('an upsert into a soft-deleted conflict row updates it in place; served aggregates see only live rows', async () => {
  const t = convexTest(defineSchema(tables), modules);
  await backfillAll(t as never, 500, [users, posts].map(getTableConfig));
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [a] = await db.insert(users).values({ slug: 'a' }).returning();
    await db.insert(posts).values([
      { authorId: a!._id, key: 'k1', views: 1 },
      { authorId: a!._id, key: 'k2', views: 2, deletedAt: 5 },
    ]);
    const agg = () =>
      db.query.posts.aggregate({
        where: { authorId: a!._id },
        _count: true,
        _sum: { views: true },
        _min: { views: true },
        _max: { views: true },
      });
    const explained = (await agg().explain()).aggregate;
    const up = await db
      .insert(posts)
      .values({ authorId: a!._id, key: 'k2', views: 50 })
      .onConflictDoUpdate({ target: posts.key, set: { views: 70 } })
      .returning({ views: posts.views, deletedAt: posts.deletedAt });
    const nothing = await db
      .insert(posts)
      .values({ authorId: a!._id, key: 'k2', views: 60 })
      .onConflictDoNothing()
      .returning();
    const afterUpdate = await agg();
    await db
      .insert(posts)
      .values({ authorId: a!._id, key: 'k1', views: 0 })
      .onConflictDoUpdate({ target: posts.key, set: { deletedAt: 7 } });
    const afterSoft = await agg();
    await db.update(posts).set({ deletedAt: null, views: 3 }).where(eq(posts.key, 'k2'));
    const afterRestore = await agg();
    const all = await db.query.posts.aggregate({
      where: { authorId: a!._id },
      withDeleted: true,
      _count: true,
      _sum: { views: true },
    });
    return {
      explained,
      up,
      nothing,
      rows: (await ctx.db.query('posts').collect()).length,
      afterUpdate,
      afterSoft,
      afterRestore,
      all,
    };
  });
  expect(out.explained).toMatch(/^aggregate index pa/);
  expect(out.up).toEqual([{ views: 70, deletedAt: 5 }]);
  expect(out.nothing).toEqual([]);
  expect(out.rows).toBe(2);
  expect(out.afterUpdate).toEqual({ _count: 1, _sum: { views: 1 }, _min: { views: 1 }, _max: { views: 1 } });
  expect(out.afterSoft).toEqual({ _count: 0, _sum: { views: null }, _min: { views: null }, _max: { views: null } });
  expect(out.afterRestore).toEqual({ _count: 1, _sum: { views: 3 }, _min: { views: 3 }, _max: { views: 3 } });
  expect(out.all).toEqual({ _count: 2, _sum: { views: 4 } });
});
