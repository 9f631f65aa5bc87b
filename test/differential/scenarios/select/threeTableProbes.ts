/**
 * Selects over three tables compared with Drizzle v1 on PGlite (from a review that found no bug):
 * chains with left joins and nulls (left-left, left-then-inner, ON conditions on an earlier
 * left-joined or the first table), groupBy over joined, left-joined and alias columns (the null
 * group), having and orderBy on aggregates not selected, limit/offset after groupBy, a column
 * selected or grouped twice, selectDistinct over three tables. Scenarios whose order depends on
 * where NULLs sort (a documented divergence: nulls first ascending) compare as multisets
 * (`unordered`). Run by selectProbesServedAndScanned.test.ts, as reviewProbes.ts.
 */
import type { SelectScenario } from '../../harness/neutral.js';

export const threeTableProbes: SelectScenario[] = [
  {
    name: 'X1 three tables left left whole',
    run: ({ db, t, op }) =>
      db
        .select()
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'X2 left then inner from left-joined',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, p: t.posts.title, c: t.comments.body })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .innerJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'X3 left left anti on third',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, p: t.posts.title })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .where(op.isNull(t.comments.id))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id)),
  },
  {
    name: 'X4 left join ON with earlier left-joined non-key col',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, p: t.posts.title, c: t.comments.body })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.and(op.eq(t.comments.postId, t.posts.id), op.gt(t.posts.publishedAt, 1500)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'X5 left join ON with first table cond',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, p: t.posts.title, c: t.comments.body })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.and(op.eq(t.comments.postId, t.posts.id), op.eq(t.users.role, 'admin')))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'X6 inner after left with ON on left-joined col',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, p: t.posts.title, c: t.comments.body })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .innerJoin(t.comments, op.and(op.eq(t.comments.postId, t.posts.id), op.isNull(t.posts.publishedAt)))
        .orderBy(op.asc(t.users.id), op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'X7 inner after left ON isNull(left col) key other',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, p: t.posts.title, c: t.comments.body })
        .from(t.users)
        .leftJoin(t.posts, op.and(op.eq(t.posts.authorId, t.users.id), op.gt(t.posts.publishedAt, 3500)))
        .innerJoin(t.comments, op.and(op.eq(t.comments.authorId, t.users.id), op.isNull(t.posts.id)))
        .orderBy(op.asc(t.users.id), op.asc(t.comments.id)),
  },
  {
    unordered: true,
    name: 'X8 group by left-joined column null group',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, n: op.count(), m: op.count(t.posts.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'X9 group by joined col of third table',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role, n: op.count(t.comments.id), d: op.countDistinct(t.posts.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .groupBy(t.users.role)
        .orderBy(op.asc(t.users.role)),
  },
  {
    name: 'X10 having aggregate not selected',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .having(op.gt(op.count(), 1))
        .orderBy(op.asc(t.posts.authorId)),
  },
  {
    name: 'X11 having max not selected over join',
    run: ({ db, t, op }) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .having(op.gt(op.max(t.posts.publishedAt), 2500))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'X12 order by aggregate not selected',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .groupBy(t.posts.authorId)
        .orderBy(op.desc(op.count()), op.desc(op.max(t.users.name)), op.asc(t.posts.authorId)),
  },
  {
    name: 'X13 order by agg limit offset after group',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .orderBy(op.desc(op.count()), op.asc(t.posts.authorId))
        .limit(2)
        .offset(1),
  },
  {
    name: 'X14 same column twice',
    run: ({ db, t, op }) =>
      db.select({ a: t.users.name, b: t.users.name, c: t.users.id }).from(t.users).orderBy(op.asc(t.users.id)),
  },
  {
    name: 'X15 same column twice with group',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.users.role, b: t.users.role, n: op.count(), m: op.count() })
        .from(t.users)
        .groupBy(t.users.role, t.users.role)
        .orderBy(op.asc(t.users.role)),
  },
  {
    name: 'X16 alias and table columns',
    run: ({ db, t, op, alias }) => {
      const i = alias(t.users, 'inviter');
      return db
        .select({ a: t.users.name, b: i.name, c: i.age })
        .from(t.users)
        .leftJoin(i, op.eq(i.id, t.users.invitedBy))
        .orderBy(op.asc(t.users.id));
    },
  },
  {
    unordered: true,
    name: 'X17 group by alias name',
    run: ({ db, t, op, alias }) => {
      const i = alias(t.users, 'inviter');
      return db
        .select({ b: i.name, n: op.count(), a: op.avg(t.users.age) })
        .from(t.users)
        .leftJoin(i, op.eq(i.id, t.users.invitedBy))
        .groupBy(i.name)
        .orderBy(op.asc(i.name));
    },
    numeric: ['a'],
  },
  {
    name: 'X18 min max over left join all-null group',
    run: ({ db, t, op }) =>
      db
        .select({
          u: t.users.id,
          mn: op.min(t.posts.publishedAt),
          mx: op.max(t.posts.title),
          s: op.sum(t.users.age),
          a: op.avg(t.users.age),
        })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .orderBy(op.asc(t.users.id)),
    numeric: ['s', 'a'],
  },
  {
    unordered: true,
    name: 'X19 selectDistinct three tables',
    run: ({ db, t, op }) =>
      db
        .selectDistinct({ r: t.users.role, c: t.comments.authorId })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .orderBy(op.asc(t.users.role), op.asc(t.comments.authorId)),
  },
  {
    name: 'X20 having on joined group key',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role, n: op.count() })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .groupBy(t.users.role)
        .having(op.eq(t.users.role, 'member')),
  },
  {
    name: 'X21 order by count of left-joined, limit',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.name, n: op.count(t.comments.id) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .groupBy(t.users.id)
        .orderBy(op.desc(op.count(t.comments.id)), op.asc(t.users.id))
        .limit(3)
        .offset(1),
  },
  {
    name: 'X22 self join chain null keys',
    run: ({ db, t, op, alias }) => {
      const i = alias(t.users, 'inviter');
      const g = alias(t.users, 'grand');
      return db
        .select()
        .from(t.users)
        .leftJoin(i, op.eq(i.id, t.users.invitedBy))
        .leftJoin(g, op.eq(g.id, i.invitedBy))
        .orderBy(op.asc(t.users.id));
    },
  },
  {
    name: 'X23 where ne on third left-joined',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, c: t.comments.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id))
        .where(op.or(op.ne(t.comments.body, 'Nice'), op.isNull(t.posts.id)))
        .orderBy(op.asc(t.users.id), op.asc(t.comments.id)),
  },
  {
    name: 'X24 left join on comments.authorId to posts.authorId two earlier',
    run: ({ db, t, op }) =>
      db
        .select({ p: t.posts.id, c: t.comments.id })
        .from(t.posts)
        .leftJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .leftJoin(
          t.comments,
          op.and(op.eq(t.comments.postId, t.posts.id), op.eq(t.comments.authorId, t.users.invitedBy)),
        )
        .orderBy(op.asc(t.posts.id), op.asc(t.comments.id)),
  },
  {
    name: 'X25 group by two joined columns with limit offset',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role, a: t.comments.authorId, n: op.count() })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.posts.id, t.comments.postId))
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .groupBy(t.users.role, t.comments.authorId)
        .orderBy(op.asc(t.users.role), op.desc(t.comments.authorId))
        .limit(3)
        .offset(1),
  },
  {
    name: 'X26 having count(col)=0 with offset',
    run: ({ db, t, op }) =>
      db
        .select({ n: t.users.name })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .having(op.eq(op.count(t.posts.id), 0))
        .orderBy(op.asc(t.users.id))
        .offset(1),
  },
  {
    name: 'X27 global aggs over 3-table left join',
    run: ({ db, t, op }) =>
      db
        .select({
          n: op.count(),
          c: op.count(t.comments.id),
          d: op.countDistinct(t.posts.authorId),
          mx: op.max(t.comments.body),
        })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .leftJoin(t.comments, op.eq(t.comments.postId, t.posts.id)),
  },
  {
    unordered: true,
    name: 'X28 order by min of joined asc nulls',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, mn: op.min(t.posts.publishedAt) })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id)
        .orderBy(op.asc(op.min(t.posts.publishedAt)), op.asc(t.users.id)),
  },
  {
    name: 'X29 order by avg desc not selected limit',
    run: ({ db, t, op }) =>
      db
        .select({ r: t.users.role })
        .from(t.users)
        .groupBy(t.users.role)
        .orderBy(op.desc(op.avg(t.users.age)))
        .limit(1),
  },
  {
    name: 'X30 where on joined plus group having on sum',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, s: op.sum(t.users.age) })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .where(op.eq(t.users.verified, true))
        .groupBy(t.posts.authorId)
        .having(op.gte(op.sum(t.users.age), 3000))
        .orderBy(op.asc(t.posts.authorId)),
    numeric: ['s'],
  },
  {
    name: 'X31 limit 0 grouped',
    run: ({ db, t }) => db.select({ a: t.posts.authorId }).from(t.posts).groupBy(t.posts.authorId).limit(0),
  },
  {
    name: 'X32 many-to-many left join group by group name',
    run: ({ db, t, op }) =>
      db
        .select({ g: t.groups.name, n: op.count(t.usersToGroups.id), u: op.max(t.users.name) })
        .from(t.groups)
        .leftJoin(t.usersToGroups, op.eq(t.usersToGroups.groupId, t.groups.id))
        .leftJoin(t.users, op.eq(t.users.id, t.usersToGroups.userId))
        .groupBy(t.groups.id)
        .orderBy(op.asc(t.groups.id)),
  },
  {
    name: 'X33 where on left-joined with is null and limit streaming',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .where(op.isNull(t.posts.publishedAt))
        .orderBy(op.asc(t.users.id))
        .limit(3),
  },
  {
    name: 'X34 inner join ON with cond on earlier left-joined table',
    run: ({ db, t, op }) =>
      db
        .select({ u: t.users.id, p: t.posts.id, c: t.comments.id })
        .from(t.users)
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .innerJoin(t.comments, op.and(op.eq(t.comments.authorId, t.users.id), op.eq(t.posts.title, 'Hello drizzle')))
        .orderBy(op.asc(t.users.id), op.asc(t.comments.id)),
  },
  {
    name: 'X35 selectDistinct limit offset joined',
    run: ({ db, t, op }) =>
      db
        .selectDistinct({ a: t.posts.authorId })
        .from(t.comments)
        .innerJoin(t.posts, op.eq(t.posts.id, t.comments.postId))
        .orderBy(op.desc(t.posts.authorId))
        .limit(2)
        .offset(1),
  },
  {
    name: 'X36 groupBy column not selected, select agg only',
    run: ({ db, t, op }) =>
      db
        .select({ n: op.count() })
        .from(t.posts)
        .groupBy(t.posts.authorId)
        .orderBy(op.asc(op.count()), op.asc(t.posts.authorId)),
  },
  {
    name: 'X37 group by users.id select inviter col via alias grouped id',
    run: ({ db, t, op, alias }) => {
      const i = alias(t.users, 'inviter');
      return db
        .select({ n: t.users.name, i: i.name, c: op.count(t.posts.id) })
        .from(t.users)
        .leftJoin(i, op.eq(i.id, t.users.invitedBy))
        .leftJoin(t.posts, op.eq(t.posts.authorId, t.users.id))
        .groupBy(t.users.id, i.id)
        .orderBy(op.asc(t.users.id));
    },
  },
  {
    name: 'X38 selection same key column from two tables',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.posts.authorId, b: t.users.id })
        .from(t.posts)
        .leftJoin(t.users, op.and(op.eq(t.users.id, t.posts.authorId), op.eq(t.users.role, 'admin')))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'X39 group by posts.authorId select users.id (functional dep not known)',
    run: ({ db, t, op }) =>
      db
        .select({ a: t.users.id, n: op.count() })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .groupBy(t.posts.authorId),
    throws: /./,
  },
  {
    name: 'X40 order by joined col after group by joined id',
    run: ({ db, t, op }) =>
      db
        .select({ n: t.users.name, c: op.count() })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .groupBy(t.users.id)
        .orderBy(op.desc(t.users.name)),
  },
];
