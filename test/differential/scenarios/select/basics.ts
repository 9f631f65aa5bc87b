/** One-table selects: selections, operator and object filters with SQL null logic, order, window, distinct. */
import type { SelectScenario } from '../../harness/neutral.js';

export const basics: SelectScenario[] = [
  { name: 'S1 select() whole rows', run: ({ db, t, op }) => db.select().from(t.users).orderBy(op.asc(t.users.id)) },
  {
    name: 'S2 selection, gt',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id, name: t.users.name, age: t.users.age })
        .from(t.users)
        .where(op.gt(t.users.age, 25))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S3 isNull covers null and absent',
    run: ({ db, t, op }) =>
      db.select({ id: t.users.id }).from(t.users).where(op.isNull(t.users.age)).orderBy(t.users.id),
  },
  {
    name: 'S4 not(eq) excludes nothing unknown here',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.not(op.eq(t.users.verified, true)))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S5 or with a null operand',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.or(op.gt(t.users.age, 30), op.eq(t.users.verified, true)))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S6 not(or) of UNKNOWN stays UNKNOWN',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.not(op.or(op.gt(t.users.age, 30), op.eq(t.users.verified, true))))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S7 inArray of ids',
    run: ({ db, t, op, id }) =>
      db
        .select({ name: t.users.name })
        .from(t.users)
        .where(op.inArray(t.users.id, [id('users', 1), id('users', 3)]))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S8 notInArray skips nulls',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.notInArray(t.users.age, [29]))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S9 like',
    run: ({ db, t, op }) =>
      db
        .select({ title: t.posts.title })
        .from(t.posts)
        .where(op.like(t.posts.title, '%post%'))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'S10 ilike',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.posts.id })
        .from(t.posts)
        .where(op.ilike(t.posts.title, '%DRIZZLE%'))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'S11 between',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.posts.id, at: t.posts.publishedAt })
        .from(t.posts)
        .where(op.between(t.posts.publishedAt, 2000, 5000))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'S12 desc order over non-null values',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.posts.id })
        .from(t.posts)
        .where(op.isNotNull(t.posts.publishedAt))
        .orderBy(op.desc(t.posts.publishedAt)),
  },
  {
    name: 'S13 limit and offset',
    run: ({ db, t, op }) => db.select({ id: t.posts.id }).from(t.posts).orderBy(op.asc(t.posts.id)).limit(3).offset(2),
  },
  {
    name: 'S14 offset past the end',
    run: ({ db, t, op }) => db.select({ id: t.posts.id }).from(t.posts).orderBy(op.asc(t.posts.id)).offset(20),
  },
  {
    name: 'S15 limit 0',
    run: ({ db, t }) => db.select({ id: t.posts.id }).from(t.posts).limit(0),
  },
  {
    name: 'S16 selectDistinct one column',
    run: ({ db, t, op }) => db.selectDistinct({ role: t.users.role }).from(t.users).orderBy(op.asc(t.users.role)),
  },
  {
    name: 'S17 selectDistinct foreign key with limit',
    run: ({ db, t, op }) =>
      db.selectDistinct({ author: t.posts.authorId }).from(t.posts).orderBy(op.asc(t.posts.authorId)).limit(3),
  },
  {
    name: 'S18 selectDistinct two columns',
    run: ({ db, t, op }) =>
      db
        .selectDistinct({ role: t.users.role, verified: t.users.verified })
        .from(t.users)
        .orderBy(op.asc(t.users.role), op.asc(t.users.verified)),
  },
  {
    name: 'S19 two order keys',
    run: ({ db, t, op }) =>
      db.select({ id: t.users.id }).from(t.users).orderBy(op.asc(t.users.verified), op.desc(t.users.id)),
  },
  {
    name: 'S20 eq on a foreign key, order by the key',
    run: ({ db, t, op, id }) =>
      db
        .select({ title: t.posts.title })
        .from(t.posts)
        .where(op.eq(t.posts.authorId, id('users', 1)))
        .orderBy(op.asc(t.posts.id)),
  },
  {
    name: 'S21 and of three conditions',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.and(op.eq(t.users.role, 'member'), op.gte(t.users.age, 19), op.lt(t.users.age, 35)))
        .orderBy(op.asc(t.users.id)),
  },
  {
    name: 'S22 column compared with a column of the same row',
    run: ({ db, t, op }) =>
      db
        .select({ id: t.users.id })
        .from(t.users)
        .where(op.lt(t.users.invitedBy, t.users.id))
        .orderBy(op.asc(t.users.id)),
  },
  {
    // Rows differing only in name collapse into one role: no single name to sort that row by.
    name: 'S23 selectDistinct ordered by a column it does not select is rejected',
    throws: /for SELECT DISTINCT, ORDER BY expressions must appear in select list/,
    run: ({ db, t, op }) => db.selectDistinct({ role: t.users.role }).from(t.users).orderBy(op.asc(t.users.name)),
  },
  {
    name: 'S24 selectDistinct ordered by a selected column and one it does not select is rejected',
    throws: /for SELECT DISTINCT, ORDER BY expressions must appear in select list/,
    run: ({ db, t, op }) =>
      db.selectDistinct({ role: t.users.role }).from(t.users).orderBy(op.asc(t.users.role), op.desc(t.users.id)),
  },
  {
    name: 'S25 selectDistinct() whole rows ordered by any column',
    run: ({ db, t, op }) => db.selectDistinct().from(t.users).orderBy(op.asc(t.users.name), op.asc(t.users.id)),
  },
];
