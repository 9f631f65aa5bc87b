/**
 * More selects compared with Drizzle v1 on PGlite (from a review): notInArray with nulls, empty
 * lists on null-extended sides, two-key ON, composite keys, unindexed base orders with left joins
 * and limits, served global aggregates over no rows, having with every operator. Run by
 * selectProbesServedAndScanned.test.ts on a backend still building its aggregate indexes and on a
 * backfilled one; kept out of this folder's list, whose served-reads assertion names its scenarios.
 */
import * as convexOrm from 'convex-orm';
import * as drizzleOrm from 'drizzle-orm';
import type { SelectContext, SelectScenario } from '../../harness/neutral.js';

/** The side's own module, for operators the neutral `op` does not carry. */
const m = (c: SelectContext): any => (typeof c.id('users', 1) === 'number' ? drizzleOrm : convexOrm);

export const reviewProbes: SelectScenario[] = [
  {
    name: 'T1 served global aggregates over no rows',
    run: (c) =>
      c.db
        .select({ n: c.op.count(), mn: c.op.min(c.t.posts.publishedAt), mx: c.op.max(c.t.posts.publishedAt) })
        .from(c.t.posts)
        .where(c.op.eq(c.t.posts.authorId, c.id('users', 5))),
  },
  {
    name: 'T2 served $count over no rows',
    run: (c) =>
      c.db.$count(c.t.posts, c.op.eq(c.t.posts.authorId, c.id('users', 5))).then((n: number) => [{ n: Number(n) }]),
  },
  {
    name: 'T3 served global count having count = 0',
    run: (c) =>
      c.db
        .select({ n: c.op.count() })
        .from(c.t.posts)
        .where(c.op.eq(c.t.posts.authorId, c.id('users', 5)))
        .having(c.op.eq(c.op.count(), 0)),
  },
  {
    name: 'T4 served sum over no rows (users by role)',
    run: (c) =>
      c.db
        .select({ n: c.op.count(), s: c.op.sum(c.t.users.age) })
        .from(c.t.users)
        .where(
          c.op.and(c.op.eq(c.t.users.role, 'admin'), c.op.eq(c.t.users.verified, false), c.op.gt(c.t.users.age, 1000)),
        ),
    numeric: ['s'],
  },
  {
    name: 'T5 served grouped with range on next key, order by count',
    run: (c) =>
      c.db
        .select({
          r: c.t.users.role,
          v: c.t.users.verified,
          n: c.op.count(),
          s: c.op.sum(c.t.users.age),
          a: c.op.avg(c.t.users.age),
        })
        .from(c.t.users)
        .where(c.op.eq(c.t.users.role, 'member'))
        .groupBy(c.t.users.role, c.t.users.verified)
        .orderBy(c.op.desc(c.op.count())),
    numeric: ['s', 'a'],
  },
  {
    name: 'T6 served grouped min/max with having on max',
    run: (c) =>
      c.db
        .select({ a: c.t.posts.authorId, mx: c.op.max(c.t.posts.publishedAt), n: c.op.count() })
        .from(c.t.posts)
        .groupBy(c.t.posts.authorId)
        .having(c.op.gt(c.op.max(c.t.posts.publishedAt), 3000))
        .orderBy(c.op.asc(c.t.posts.authorId)),
  },
  {
    name: 'T7 served studentGrades avg bigint where range',
    run: (c) =>
      c.db
        .select({ c: c.t.studentGrades.courseId, a: c.op.avg(c.t.studentGrades.points), n: c.op.count() })
        .from(c.t.studentGrades)
        .where(c.op.between(c.t.studentGrades.courseId, 2, 4))
        .groupBy(c.t.studentGrades.courseId)
        .orderBy(c.op.asc(c.t.studentGrades.courseId)),
    numeric: ['a'],
  },
  {
    name: 'T8 served global avg bigint',
    run: (c) =>
      c.db
        .select({ a: c.op.avg(c.t.studentGrades.points), n: c.op.count() })
        .from(c.t.studentGrades)
        .where(c.op.eq(c.t.studentGrades.courseId, 1)),
    numeric: ['a'],
  },

  {
    name: 'R1 leftJoin, order by unindexed base column, limit',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.users.name))
        .limit(3),
    unordered: true,
  },
  {
    name: 'R2 leftJoin, order by unindexed base column desc, limit offset',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, n: t.users.name })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.authorId, t.users.id), op.gt(t.posts.publishedAt, 100000)))
        .orderBy(op.desc(t.users.name))
        .limit(2)
        .offset(1),
  },
  {
    name: 'R3 no join, order by unindexed, limit',
    run: ({ db, t, op }) => db.select({ u: t.users.id }).from(t.users).orderBy(op.asc(t.users.email)).limit(2),
  },
  {
    name: 'R4 leftJoin with where on base and order unindexed',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.eq(t.users.role, 'member'))
        .orderBy(op.asc(t.users.name), op.asc(t.users.id))
        .limit(2),
    unordered: true,
  },
  {
    name: 'Q1 two keys on joined _id from two outer tables',
    run: ({ db, t, op }) =>
      db
        .select({ p: t.posts.id, c: t.comments.id, u: t.users.id })
        .from(t.posts)
        .innerJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .innerJoin(t.users, op.and(op.eq(t.users.id, t.posts.authorId), op.eq(t.users.id, t.comments.authorId)))
        .orderBy(op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'Q1b two keys on joined _id, left join',
    run: ({ db, t, op }) =>
      db
        .select({ p: t.posts.id, c: t.comments.id, u: t.users.id })
        .from(t.posts)
        .innerJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .leftJoin(t.users, op.and(op.eq(t.users.id, t.comments.authorId), op.eq(t.users.id, t.posts.authorId)))
        .orderBy(op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'Q2 two keys on one non-id field from two outer tables',
    run: ({ db, t, op }) =>
      db
        .select({ c: t.comments.id, u: t.users.id, p: t.posts.id })
        .from(t.comments)
        .innerJoin(t.users, op.eq(t.users.id, t.comments.authorId))
        .leftJoin(
          t.posts,
          op.and(
            op.eq(t.posts.authorId, t.users.id),
            op.eq(t.posts.authorId, t.comments.authorId),
            op.eq(t.posts.id, t.comments.postId),
          ),
        )
        .orderBy(op.asc(t.comments.id), op.asc(t.posts.id)),
  },
  {
    name: 'Q2b two keys same field different outer values',
    run: ({ db, t, op }) =>
      db
        .select({ c: t.comments.id, p: t.posts.id })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.posts.id, t.comments.postId))
        .leftJoin(t.users, op.and(op.eq(t.users.id, t.comments.authorId), op.eq(t.users.id, t.posts.authorId)))
        .leftJoin(
          t.usersToGroups,
          op.and(op.eq(t.usersToGroups.userId, t.comments.authorId), op.eq(t.usersToGroups.userId, t.posts.authorId)),
        )
        .orderBy(op.asc(t.comments.id), op.asc(t.usersToGroups.id)),
  },
  {
    name: 'Q5 many-to-many grouped countDistinct',
    run: ({ db, t, op }) =>
      db
        .select({
          g: t.groups.id,
          n: op.count(t.users.id),
          v: op.countDistinct(t.users.verified),
          r: op.countDistinct(t.users.role),
        })
        .from(t.groups)
        .leftJoin(t.usersToGroups, op.eq(t.usersToGroups.groupId, t.groups.id))
        .leftJoin(t.users, op.eq(t.users.id, t.usersToGroups.userId))
        .groupBy(t.groups.id)
        .orderBy(op.asc(t.groups.id)),
  },
  {
    name: 'Q7 pushed or with isNull on inner-joined table',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .innerJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.or(op.isNull(t.posts.publishedAt), op.gt(t.posts.publishedAt, 5000)))
        .orderBy(op.asc(t.posts.id))
        .limit(3),
  },
  {
    name: 'Q10 orderBy a column of a grouped-_id table not selected',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, n: op.count(t.posts.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .orderBy(op.desc(t.users.name)),
  },
  {
    name: 'Q11 composite key with where on joined columns',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.studentGrades.id, o: t.courseOfferings.title })
        .from(t.studentGrades)
        .innerJoin(
          t.courseOfferings,
          op.and(
            op.eq(t.courseOfferings.semester, t.studentGrades.semester),
            op.eq(t.courseOfferings.courseId, t.studentGrades.courseId),
          ),
        )
        .where(op.like(t.courseOfferings.title, '%(spring)'))
        .orderBy(op.asc(t.studentGrades.id)),
  },
  {
    name: 'Q12 ON constant equality on the key field',
    run: (c) =>
      c.db
        .select({ u: c.t.users.id, p: c.t.posts.id })
        .from(c.t.users)
        .leftJoin(
          c.t.posts,
          c.op.and(c.op.eq(c.t.posts.authorId, c.t.users.id), c.op.eq(c.t.posts.authorId, c.id('users', 3))),
        )
        .orderBy(c.op.asc(c.t.users.id), c.op.asc(c.t.posts.id)),
  },
  {
    name: 'Q13 ON inArray on the key field',
    run: (c) =>
      c.db
        .select({ u: c.t.users.id, p: c.t.posts.id })
        .from(c.t.users)
        .innerJoin(
          c.t.posts,
          c.op.and(
            c.op.eq(c.t.posts.authorId, c.t.users.id),
            c.op.inArray(c.t.posts.authorId, [c.id('users', 3), c.id('users', 4)]),
          ),
        )
        .orderBy(c.op.asc(c.t.users.id), c.op.asc(c.t.posts.id)),
  },
  {
    name: 'Q14 ON before with column comparison on earlier table',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.authorId, t.users.id), op.ne(t.users.invitedBy, t.users.id)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'Q21 sum of bigint over left join null-extended',
    run: ({ db, t, op }) =>
      db
        .select({
          s: t.students.id,
          n: op.count(t.studentGrades.points),
          mx: op.max(t.studentGrades.points),
          mn: op.min(t.studentGrades.grade),
        })
        .from(t.students)
        .leftJoin(t.studentGrades, op.eq(t.studentGrades.studentId, t.students.id))
        .groupBy(t.students.id)
        .orderBy(op.asc(t.students.id)),
  },
  {
    name: 'Q22 having on avg',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role, a: op.avg(t.users.age) })
        .from(t.users)
        .groupBy(t.users.role)
        .having(op.gt(op.avg(t.users.age), 30))
        .orderBy(op.asc(t.users.role)),
    numeric: ['a'],
  },
  {
    name: 'Q23 max text over inner join ordered by it',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, mx: op.max(t.comments.body), mn: op.min(t.comments.body) })
        .from(t.posts)
        .innerJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .groupBy(t.posts.authorId)
        .orderBy(op.desc(op.max(t.comments.body))),
  },
  {
    name: 'Q24 $count isNull',
    run: ({ db, t, op }) => db.$count(t.users, op.isNull(t.users.age)).then((n: number) => [{ n: Number(n) }]),
  },
  {
    name: 'Q24b $count notInArray with null',
    run: ({ db, t, op }) =>
      db.$count(t.users, op.notInArray(t.users.age, [29, null])).then((n: number) => [{ n: Number(n) }]),
  },
  {
    name: 'Q24c $count eq served',
    run: ({ db, t, op }) =>
      db
        .$count(t.users, op.and(op.eq(t.users.role, 'member'), op.eq(t.users.verified, false)))
        .then((n: number) => [{ n: Number(n) }]),
  },
  {
    name: 'Q26 min/max tags arrays',
    run: ({ db, t, op }) => db.select({ lo: op.min(t.posts.tags), hi: op.max(t.posts.tags) }).from(t.posts),
  },
  {
    name: 'Q26b min/max tags per author',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, lo: op.min(t.posts.tags), hi: op.max(t.posts.tags) })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'Q28 group by bytes',
    run: ({ db, t, op }) =>
      db
        .select({ n: op.count(), c: op.count(t.students.badge) })
        .from(t.students)
        .groupBy(t.students.badge),
    unordered: true,
  },
  {
    name: 'Q29 group by tags',
    run: ({ db, t, op }) => db.select({ tg: t.posts.tags, n: op.count() }).from(t.posts).groupBy(t.posts.tags),
    unordered: true,
  },
  {
    name: 'Q32 countDistinct tags',
    run: ({ db, t, op }) =>
      db.select({ n: op.countDistinct(t.posts.tags), m: op.countDistinct(t.posts.meta) }).from(t.posts),
  },
  {
    name: 'Q35 selectDistinct whole rows join limit',
    run: ({ db, t, op }) =>
      db
        .selectDistinct()
        .from(t.users)
        .innerJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id))
        .limit(3)
        .offset(2),
  },
  {
    name: 'Q36 selectDistinct joined nullable column',
    run: ({ db, t, op }) =>
      db
        .selectDistinct({ i: t.posts.authorId, inv: t.users.invitedBy })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'Q37 left join then where eq on joined col, limit',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.gte(t.posts.publishedAt, 2000))
        .orderBy(op.asc(t.users.id))
        .limit(3),
    unordered: true,
  },
  {
    name: 'Q38 where mixed-number compare across join bigint vs integer',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.studentGrades.id })
        .from(t.studentGrades)
        .innerJoin(t.students, op.eq(t.students.id, t.studentGrades.studentId))
        .where(op.gte(t.studentGrades.points, t.studentGrades.semester))
        .orderBy(op.asc(t.studentGrades.id)),
  },
  {
    name: 'Q39 join key bigint outer to integer inner',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.studentGrades.id, o: t.courseOfferings.id })
        .from(t.studentGrades)
        .innerJoin(t.courseOfferings, op.eq(t.courseOfferings.courseId, t.studentGrades.points))
        .orderBy(op.asc(t.studentGrades.id), op.asc(t.courseOfferings.id)),
  },

  {
    name: 'P1 notInArray with null in list: never true',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.notInArray(t.users.age, [29, null]))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'P2 inArray with null in list',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.inArray(t.users.age, [29, null]))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'P3 notInArray empty list on left-joined null side',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.notInArray(t.posts.title, []))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'P4 not(inArray empty) on left-joined null side',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.not(op.inArray(t.posts.title, [])))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'P5 between reversed bounds',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.between(t.users.age, 40, 20))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'P6 notBetween on nullable',
    run: (c) =>
      c.db
        .select({ id: c.t.users.id })
        .from(c.t.users)
        .where(m(c).notBetween(c.t.users.age, 20, 40))
        .orderBy(c.op.asc(c.t.users.id)),
  },
  {
    name: 'P7 notLike on left-joined side',
    run: (c) =>
      c.db
        .select({ u: c.t.users.id, p: c.t.posts.id })
        .from(c.t.users)
        .leftJoin(c.t.posts, c.op.eq(c.t.posts.authorId, c.t.users.id))
        .where(m(c).notLike(c.t.posts.title, '%post%'))
        .orderBy(c.op.asc(c.t.users.id), c.op.asc(c.t.posts.id)),
  },
  {
    name: 'P8 leftJoin ON with ne across tables (residual)',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, c: t.comments.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.and(op.eq(t.comments.postId, t.posts.id), op.ne(t.comments.authorId, t.users.id)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'P9 innerJoin ON with or of both sides',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .innerJoin(
          t.posts,
          op.and(
            op.eq(t.posts.authorId, t.users.id),
            op.or(op.gt(t.posts.publishedAt, 4000), op.eq(t.users.name, 'Dan')),
          ),
        )
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'P10 leftJoin ON with a range comparing columns of both tables',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, c: t.comments.id })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .leftJoin(
          t.comments,
          op.and(op.eq(t.comments.postId, t.posts.id), op.gt(t.comments.authorId, t.posts.authorId)),
        )
        .orderBy(op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'P12 having with isNull of max',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .having(op.isNotNull(op.min(t.posts.publishedAt)))
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'P13 having inArray count',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .having(op.inArray(op.count(), [1, 3]))
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'P14 having between on sum of int over left join',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.groups.id, s: op.sum(t.users.age) })
        .from(t.groups)
        .leftJoin(t.usersToGroups, op.eq(t.usersToGroups.groupId, t.groups.id))
        .leftJoin(t.users, op.eq(t.users.id, t.usersToGroups.userId))
        .groupBy(t.groups.id)
        .having(op.between(op.sum(t.users.age), 30, 100))
        .orderBy(op.asc(t.groups.id)),
    numeric: ['s'],
  },
  {
    name: 'P16 min/max text with unicode over a group',
    run: ({ db, t, op }) =>
      db
        .select({ lo: op.min(t.groups.name), hi: op.max(t.groups.name), d: op.max(t.groups.description) })
        .from(t.groups),
  },
  {
    name: 'P17 orderBy count desc then key, limit offset groups',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, n: op.count(t.posts.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .orderBy(op.desc(op.count(t.posts.id)), op.asc(t.users.id))
        .limit(2)
        .offset(1),
  },
  {
    name: 'P18 selectDistinct on joined col with limit',
    run: ({ db, t, op }) =>
      db
        .selectDistinct({ a: t.users.role })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .orderBy(op.asc(t.users.role))
        .limit(5),
  },
  {
    name: 'P20 sumDistinct/avgDistinct of integer',
    run: (c) =>
      c.db
        .select({ r: c.t.users.role, s: m(c).sumDistinct(c.t.users.age), a: m(c).avgDistinct(c.t.users.age) })
        .from(c.t.users)
        .groupBy(c.t.users.role)
        .orderBy(c.op.asc(c.t.users.role)),
    numeric: ['s', 'a'],
  },
  {
    name: 'P21 where isNull on inner-joined side (pushed)',
    run: ({ db, t, op }) =>
      db
        .select({ p: t.posts.id })
        .from(t.users)
        .innerJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.isNull(t.posts.publishedAt))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'P22 where or of joined-table isNull and base',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.authorId, t.users.id), op.gt(t.posts.publishedAt, 3000)))
        .where(op.or(op.isNull(t.posts.id), op.eq(t.users.role, 'admin')))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'P23 limit on leftJoin with base order streamed',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.desc(t.users.id))
        .limit(3),
    unordered: false,
  },
  {
    name: 'P24 like with escapes and underscore',
    run: ({ db, t, op }) =>
      db.select({ id: t.posts.id }).from(t.posts).where(op.like(t.posts.title, '%50\\%%')).orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'P25 ilike unicode',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.groups.id })
        .from(t.groups)
        .where(op.ilike(t.groups.description, '%CAFÉ%'))
        .orderBy(op.asc(t.groups.id)),
  },
  {
    name: 'P27 count over left-joined groups with having count(col)=0',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.groups.name })
        .from(t.groups)
        .leftJoin(t.usersToGroups, op.eq(t.usersToGroups.groupId, t.groups.id))
        .groupBy(t.groups.id)
        .having(op.eq(op.count(t.usersToGroups.id), 0))
        .orderBy(op.asc(t.groups.id)),
  },
  {
    name: 'P28 where comparing bigint with integer column across join',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.studentGrades.id, o: t.courseOfferings.id })
        .from(t.studentGrades)
        .innerJoin(
          t.courseOfferings,
          op.and(
            op.eq(t.courseOfferings.courseId, t.studentGrades.courseId),
            op.lt(t.courseOfferings.semester, t.studentGrades.points),
          ),
        )
        .orderBy(op.asc(t.studentGrades.id), op.asc(t.courseOfferings.id)),
  },
  {
    name: 'P29 selectDistinct with group and having',
    run: ({ db, t, op }) =>
      db.selectDistinct({ n: op.count() }).from(t.posts).groupBy(t.posts.authorId).orderBy(op.desc(op.count())),
  },
  {
    name: 'P30 min/max of id',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, lo: op.min(t.posts.id), hi: op.max(t.comments.id) })
        .from(t.posts)
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'P31 count() with no rows and group key -> no groups',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .where(op.eq(t.posts.title, 'nope'))
        .groupBy(t.posts.authorId),
  },
  {
    name: 'P32 having without groupBy',
    run: ({ db, t, op }) => db.select({ n: op.count() }).from(t.posts).having(op.gt(op.count(), 100)),
  },
  {
    name: 'P33 order by joined nullable desc with id tie',
    run: ({ db, t, op }) =>
      db
        .select({ c: t.comments.id, p: t.posts.id })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.posts.id, t.comments.postId))
        .where(op.isNotNull(t.posts.publishedAt))
        .orderBy(op.desc(t.posts.publishedAt), op.desc(t.comments.id))
        .limit(4)
        .offset(1),
  },
  {
    name: 'P34 where eq column to column on left joined (null)',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.not(op.eq(t.posts.authorId, t.users.invitedBy)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'P35 group by two tables keys with limit',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role, v: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .groupBy(t.users.role, t.posts.authorId)
        .orderBy(op.asc(t.users.role), op.desc(t.posts.authorId))
        .limit(3),
  },
  {
    name: 'P36 inArray on id across join where',
    run: (c) =>
      c.db
        .select({ p: c.t.posts.id })
        .from(c.t.posts)
        .innerJoin(c.t.users, c.op.eq(c.t.users.id, c.t.posts.authorId))
        .where(c.op.inArray(c.t.users.id, [c.id('users', 1), c.id('users', 4)]))
        .orderBy(c.op.asc(c.t.posts.id)),
  },
  {
    name: 'P37 where object on base plus join',
    run: ({ db, t, op }) =>
      db
        .select({ p: t.posts.id })
        .from(t.posts)
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .where(op.isNull(t.comments.id))
        .orderBy(op.desc(t.posts.id))
        .limit(2),
  },
  {
    name: 'P38 count(col) on nullable where aggregate served',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role, n: op.count(t.users.age), m: op.count() })
        .from(t.users)
        .groupBy(t.users.role)
        .orderBy(op.asc(t.users.role)),
  },
  {
    name: 'P39 max publishedAt per author order by max desc',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, mx: op.max(t.posts.publishedAt) })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .having(op.isNotNull(op.max(t.posts.publishedAt)))
        .orderBy(op.desc(op.max(t.posts.publishedAt))),
  },
  {
    name: 'P40 offset beyond groups',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId))
        .offset(10),
  },
];
