/** groupBy with count/countDistinct/sum/avg/min/max, having, aggregate orders and $count. */
import type { SelectScenario } from '../../harness/neutral.js';

export const groups: SelectScenario[] = [
  {
    name: 'G1 count per author',
    run: ({ db, t, op }) =>
      db
        .select({ author: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    // sum/avg of the author's age (a nullable integer) per post: Postgres has no sum of a timestamp.
    name: 'G2 every aggregate per author (nulls skipped)',
    numeric: ['total', 'mean'],
    run: ({ db, t, op }) =>
      db
        .select({
          author: t.posts.authorId,
          n: op.count(),
          dated: op.count(t.posts.publishedAt),
          total: op.sum(t.users.age),
          mean: op.avg(t.users.age),
          first: op.min(t.posts.publishedAt),
          last: op.max(t.posts.publishedAt),
        })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'G3 users with post counts, top 3 (the benchmark shape)',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id, email: t.users.email, postCount: op.count(t.posts.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .orderBy(op.desc(op.count(t.posts.id)), op.asc(t.users.id))
        .limit(3),
  },
  {
    name: 'G4 active users with post counts (where before grouping)',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id, postCount: op.count(t.posts.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.eq(t.users.verified, false))
        .groupBy(t.users.id)
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'G5 having count > 1',
    run: ({ db, t, op }) =>
      db
        .select({ author: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .having(op.gt(op.count(), 1))
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'G6 count() without groupBy',
    run: ({ db, t, op }) => db.select({ n: op.count() }).from(t.users),
  },
  {
    name: 'G7 aggregates over no rows: count 0, sum/min null',
    numeric: ['total'],
    run: ({ db, t, op }) =>
      db
        .select({ n: op.count(), total: op.sum(t.users.age), least: op.min(t.users.name) })
        .from(t.users)
        .where(op.eq(t.users.name, 'nobody at all')),
  },
  {
    name: 'G8 countDistinct',
    run: ({ db, t, op }) => db.select({ authors: op.countDistinct(t.posts.authorId), n: op.count() }).from(t.posts),
  },
  {
    name: 'G9 avg age per role (null ages skipped)',
    numeric: ['mean', 'total'],
    run: ({ db, t, op }) =>
      db
        .select({ role: t.users.role, mean: op.avg(t.users.age), total: op.sum(t.users.age), n: op.count(t.users.age) })
        .from(t.users)
        .groupBy(t.users.role)
        .orderBy(op.asc(t.users.role)),
  },
  {
    name: 'G10 two group keys',
    run: ({ db, t, op }) =>
      db
        .select({ role: t.users.role, verified: t.users.verified, n: op.count() })
        .from(t.users)
        .groupBy(t.users.role, t.users.verified)
        .orderBy(op.asc(t.users.role), op.asc(t.users.verified)),
  },
  {
    name: 'G11 min/max of text',
    run: ({ db, t, op }) =>
      db
        .select({ verified: t.users.verified, least: op.min(t.users.email), most: op.max(t.users.email) })
        .from(t.users)
        .groupBy(t.users.verified)
        .orderBy(op.asc(t.users.verified)),
  },
  {
    name: 'G12 having on a group key',
    run: ({ db, t, op }) =>
      db
        .select({ role: t.users.role, n: op.count() })
        .from(t.users)
        .groupBy(t.users.role)
        .having(op.eq(t.users.role, 'admin')),
  },
  {
    name: 'G13 order by an aggregate ascending',
    run: ({ db, t, op }) =>
      db
        .select({ post: t.comments.postId, n: op.count() })
        .from(t.comments)
        .groupBy(t.comments.postId)
        .orderBy(op.asc(op.count()), op.asc(t.comments.postId)),
  },
  {
    name: 'G14 group by a joined table column',
    run: ({ db, t, op }) =>
      db
        .select({ author: t.posts.authorId, comments: op.count() })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.posts.id, t.comments.postId))
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'G15 group by a grouped _id selects its other columns',
    run: ({ db, t, op }) =>
      db
        .select({ name: t.users.name, role: t.users.role, comments: op.count(t.comments.id) })
        .from(t.users)
        .leftJoin(t.comments, op.eq(t.comments.authorId, t.users.id))
        .groupBy(t.users.id)
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'G16 having with and() of aggregates',
    run: ({ db, t, op }) =>
      db
        .select({ author: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .having(op.and(op.gte(op.count(), 1), op.lt(op.max(t.posts.publishedAt), 6000)))
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'G17 group by a nullable column: nulls form one group',
    unordered: true,
    run: ({ db, t, op }) =>
      db.select({ invitedBy: t.users.invitedBy, n: op.count() }).from(t.users).groupBy(t.users.invitedBy),
  },
  {
    name: 'G18 selectDistinct over aggregates',
    run: ({ db, t, op }) =>
      db.selectDistinct({ n: op.count() }).from(t.posts).groupBy(t.posts.authorId).orderBy(op.asc(op.count())),
  },
  {
    name: 'G18b selectDistinct over aggregates ordered by a group key it does not select is rejected',
    throws: /for SELECT DISTINCT, ORDER BY expressions must appear in select list/,
    run: ({ db, t, op }) =>
      db.selectDistinct({ n: op.count() }).from(t.posts).groupBy(t.posts.authorId).orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'G19 a column outside groupBy is rejected',
    throws: /must appear in (the GROUP BY clause|groupBy\(\)) or be used in an aggregate function/,
    run: ({ db, t, op }) => db.select({ title: t.posts.title, n: op.count() }).from(t.posts).groupBy(t.posts.authorId),
  },
  {
    name: 'G20 $count of a table',
    run: async ({ db, t }) => [await db.$count(t.users)],
  },
  {
    name: 'G21 $count with a filter',
    run: async ({ db, t, op, id }) => [
      await db.$count(t.posts, op.eq(t.posts.authorId, id('users', 1))),
      await db.$count(t.users, op.isNull(t.users.age)),
    ],
  },
];
