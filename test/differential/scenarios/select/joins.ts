/** Joins: inner and left, whole rows and selections, ON conditions, WHERE on either side, windows. */
import type { SelectScenario } from '../../harness/neutral.js';

export const joins: SelectScenario[] = [
  {
    name: 'J1 leftJoin whole rows',
    run: ({ db, t, op }) =>
      db
        .select()
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'J2 innerJoin selection',
    run: ({ db, t, op }) =>
      db
        .select({ title: t.posts.title, author: t.users.name })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'J3 innerJoin, where on both tables',
    run: ({ db, t, op }) =>
      db
        .select({ title: t.posts.title })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .where(op.and(op.eq(t.users.verified, true), op.gt(t.posts.publishedAt, 1500)))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'J4 leftJoin anti-join: users without posts',
    run: ({ db, t, op }) =>
      db
        .select({ name: t.users.name })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.isNull(t.posts.id))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'J5 leftJoin, where on the right side drops null-extended rows',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.ne(t.posts.title, 'Second post'))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'J6 three tables: comments -> posts -> users',
    run: ({ db, t, op }) =>
      db
        .select({ body: t.comments.body, post: t.posts.title, author: t.users.name })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.comments.postId, t.posts.id))
        .innerJoin(t.users, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.comments.id)),
  },
  {
    name: 'J7 many-to-many through the junction',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.name, group: t.groups.name })
        .from(t.users)
        .innerJoin(t.usersToGroups, op.eq(t.usersToGroups.userId, t.users.id))
        .innerJoin(t.groups, op.eq(t.groups.id, t.usersToGroups.groupId))
        .orderBy(op.asc(t.users.id), op.asc(t.groups.id)),
  },
  {
    name: 'J8 leftJoin with an ON filter on the joined table keeps every user',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.authorId, t.users.id), op.gt(t.posts.publishedAt, 2500)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'J9 leftJoin with an ON filter on the outer table',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.authorId, t.users.id), op.eq(t.users.verified, true)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'J10 innerJoin with limit counts joined rows',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id })
        .from(t.users)
        .innerJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id))
        .limit(4),
  },
  {
    name: 'J11 leftJoin with limit and offset',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id))
        .limit(3)
        .offset(5),
  },
  {
    name: 'J12 order by the joined table',
    run: ({ db, t, op }) =>
      db
        .select({ body: t.comments.body })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.posts.id, t.comments.postId))
        .orderBy(op.desc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'J13 where mixing tables in one or()',
    run: ({ db, t, op }) =>
      db
        .select({ post: t.posts.id })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .where(op.or(op.eq(t.users.role, 'admin'), op.lt(t.posts.publishedAt, 3500)))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'J14 leftJoin then innerJoin from the left-joined table',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id, comment: t.comments.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .innerJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .orderBy(op.asc(t.comments.id)),
  },
  {
    name: 'J15 two left joins, whole rows',
    run: ({ db, t, op, id }) =>
      db
        .select()
        .from(t.posts)
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .leftJoin(t.users, op.eq(t.users.id, t.comments.authorId))
        .where(
          op.inArray(
            t.posts.id,
            [1, 2, 3, 4].map((n) => id('posts', n)),
          ),
        )
        .orderBy(op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'J16 selectDistinct over a join',
    run: ({ db, t, op }) =>
      db
        .selectDistinct({ author: t.users.name })
        .from(t.comments)
        .innerJoin(t.users, op.eq(t.users.id, t.comments.authorId))
        .orderBy(op.asc(t.users.name)),
  },
  {
    name: 'J17 join on a nullable self-reference column',
    run: ({ db, t, op }) =>
      db
        .select({ post: t.posts.id, commenter: t.comments.authorId })
        .from(t.posts)
        .innerJoin(
          t.comments,
          op.and(op.eq(t.comments.postId, t.posts.id), op.ne(t.comments.authorId, t.posts.authorId)),
        )
        .orderBy(op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    // The lookup reads users by the join key (db.get); the id list beside it tests each key, never empties the read.
    name: 'J18 join keyed on _id with an _id list in ON',
    run: ({ db, t, op, id }) =>
      db
        .select({ post: t.posts.id, user: t.users.id })
        .from(t.posts)
        .innerJoin(
          t.users,
          op.and(op.eq(t.users.id, t.posts.authorId), op.inArray(t.users.id, [id('users', 3), id('users', 1)])),
        )
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'J19 join keyed on _id with an _id list in WHERE',
    run: ({ db, t, op, id }) =>
      db
        .select({ post: t.posts.id, user: t.users.id })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .where(op.inArray(t.users.id, [id('users', 1), id('users', 3)]))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'J20 leftJoin keyed on _id with an _id list in ON keeps the others null-extended',
    run: ({ db, t, op, id }) =>
      db
        .select({ post: t.posts.id, user: t.users.id })
        .from(t.posts)
        .leftJoin(t.users, op.and(op.eq(t.users.id, t.posts.authorId), op.inArray(t.users.id, [id('users', 1)])))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    // Both key equalities go into one read of by_offering(courseId, semester), whatever their order in ON.
    name: 'J21 two-column key written in the other order than the index',
    run: ({ db, t, op }) =>
      db
        .select({ offering: t.courseOfferings.id, grade: t.studentGrades.id })
        .from(t.courseOfferings)
        .innerJoin(
          t.studentGrades,
          op.and(
            op.eq(t.studentGrades.semester, t.courseOfferings.semester),
            op.eq(t.studentGrades.courseId, t.courseOfferings.courseId),
          ),
        )
        .orderBy(op.asc(t.courseOfferings.id), op.asc(t.studentGrades.id)),
  },
  {
    name: 'J22 a key equality no index serves beside one that is served, left join',
    run: ({ db, t, op }) =>
      db
        .select({ user: t.users.id, post: t.posts.id })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.title, t.users.name), op.eq(t.posts.authorId, t.users.id)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
];
