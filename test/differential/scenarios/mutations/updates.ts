/** Updates: returning, `$onUpdate`, null, operators in where. */
import type { MutationScenario } from '../../harness/neutral.js';

/** Updates: returning, $onUpdate, null, operators in where. */
export const updates: MutationScenario[] = [
  {
    name: 'update by id, returning() full row',
    rowsOf: 'users',
    after: ['users'],
    run: ({ db, t, op, id }) =>
      db
        .update(t.users)
        .set({ role: 'admin' })
        .where(op.eq(t.users.id, id('users', 2)))
        .returning(),
  },
  {
    name: 'update runs $onUpdate when the column is not set',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) => db.update(t.items).set({ qty: 7 }).where(op.eq(t.items.sku, 'A-1')).returning(),
  },
  {
    name: 'update keeps an explicitly set $onUpdate column',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db
        .update(t.items)
        .set({ qty: 7, touched: 'mine' })
        .where(op.eq(t.items.sku, 'B-2'))
        .returning({ touched: t.items.touched }),
  },
  {
    name: 'update sets a nullable column to null',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db.update(t.items).set({ note: null, price: null }).where(op.eq(t.items.sku, 'A-1')).returning(),
  },
  {
    name: 'update ignores undefined keys',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db.update(t.items).set({ qty: undefined, name: 'Chain v2' }).where(op.eq(t.items.sku, 'C-3')).returning(),
  },
  {
    name: 'update matching nothing returns []',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db.update(t.items).set({ qty: 1 }).where(op.eq(t.items.sku, 'nope')).returning({ id: t.items.id }),
  },
  {
    name: 'update several rows by range, returning partial',
    rowsOf: 'users',
    unordered: true,
    after: ['users'],
    run: ({ db, t, op }) =>
      db
        .update(t.users)
        .set({ verified: true })
        .where(op.gt(t.users.age, 25))
        .returning({ id: t.users.id, name: t.users.name }),
  },
  {
    name: 'update where and(eq, ne)',
    rowsOf: 'users',
    unordered: true,
    after: ['users'],
    run: ({ db, t, op }) =>
      db
        .update(t.users)
        .set({ age: 1 })
        .where(op.and(op.eq(t.users.role, 'member'), op.ne(t.users.name, 'John')))
        .returning({ id: t.users.id }),
  },
  {
    name: 'update where or(isNull, like)',
    rowsOf: 'users',
    unordered: true,
    after: ['users'],
    run: ({ db, t, op }) =>
      db
        .update(t.users)
        .set({ name: 'Renamed' })
        .where(op.or(op.isNull(t.users.age), op.like(t.users.name, 'N%')))
        .returning({ id: t.users.id, name: t.users.name }),
  },
  {
    name: 'update where not(...) excludes nulls',
    rowsOf: 'users',
    unordered: true,
    after: ['users'],
    run: ({ db, t, op }) =>
      db
        .update(t.users)
        .set({ age: 99 })
        .where(op.not(op.gt(t.users.age, 30)))
        .returning({ id: t.users.id }),
  },
  {
    name: 'update where inArray on ids',
    rowsOf: 'posts',
    unordered: true,
    after: ['posts'],
    run: ({ db, t, op, id }) =>
      db
        .update(t.posts)
        .set({ publishedAt: 1 })
        .where(op.inArray(t.posts.id, [id('posts', 3), id('posts', 6)]))
        .returning({ id: t.posts.id, publishedAt: t.posts.publishedAt }),
  },
  {
    name: 'update where foreign key eq',
    rowsOf: 'posts',
    unordered: true,
    after: ['posts'],
    run: ({ db, t, op, id }) =>
      db
        .update(t.posts)
        .set({ tags: ['moved'] })
        .where(op.eq(t.posts.authorId, id('users', 3)))
        .returning({ id: t.posts.id, tags: t.posts.tags }),
  },
  {
    name: 'update where between and ilike',
    rowsOf: 'posts',
    unordered: true,
    after: ['posts'],
    run: ({ db, t, op }) =>
      db
        .update(t.posts)
        .set({ title: 'Edited' })
        .where(op.and(op.between(t.posts.publishedAt, 2000, 5000), op.ilike(t.posts.title, '%O%')))
        .returning({ id: t.posts.id }),
  },
  {
    name: 'update where notInArray excludes nulls',
    rowsOf: 'items',
    unordered: true,
    after: ['items'],
    run: ({ db, t, op }) =>
      db
        .update(t.items)
        .set({ qty: 0 })
        .where(op.notInArray(t.items.price, [7]))
        .returning({ sku: t.items.sku }),
  },
  {
    name: 'update a foreign key to another row',
    rowsOf: 'comments',
    after: ['comments'],
    run: ({ db, t, op, id }) =>
      db
        .update(t.comments)
        .set({ postId: id('posts', 8) })
        .where(op.eq(t.comments.id, id('comments', 3)))
        .returning(),
  },
  {
    name: 'update int64 by an int64 filter',
    rowsOf: 'studentGrades',
    unordered: true,
    after: ['studentGrades'],
    run: ({ db, t, op }) =>
      db
        .update(t.studentGrades)
        .set({ points: -9007199254740993n })
        .where(op.gt(t.studentGrades.points, 1000000000000000001n))
        .returning({ id: t.studentGrades.id, points: t.studentGrades.points }),
  },
  {
    name: 'update json and array columns',
    rowsOf: 'posts',
    after: ['posts'],
    run: ({ db, t, op, id }) =>
      db
        .update(t.posts)
        .set({ meta: { words: 7, draft: true }, tags: [] })
        .where(op.eq(t.posts.id, id('posts', 1)))
        .returning({ meta: t.posts.meta, tags: t.posts.tags }),
  },
];
