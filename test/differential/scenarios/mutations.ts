/**
 * Mutation scenarios run on both ORMs (`../mutations.test.ts`): the semantics
 * Drizzle v1 and convex-orm share (reference/drizzle-v1.md section 3, the
 * common-pt1/pt2 mutation tests of section 5.4): returning shapes, defaults,
 * `$defaultFn`, `$onUpdate`, onConflict do nothing / do update, constraint
 * failures that leave nothing written, foreign-key actions, `$count`,
 * transactions. Each scenario body is written once against the neutral
 * context (`db`, tables `t` with `id` as the row id, operators `op`, `id()`).
 */
import type { MutationScenario } from '../harness/neutral.js';

const item = (sku: string, extra: Record<string, unknown> = {}) => ({ sku, name: `Item ${sku}`, ...extra });

/** Inserts: returning shapes, defaults, $defaultFn, $onUpdate on insert. */
const inserts: MutationScenario[] = [
  {
    name: 'insert one, returning() full row with every default',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) => db.insert(t.items).values(item('D-4')).returning(),
  },
  {
    name: 'insert one with every column given',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('D-4', { qty: 9, note: 'mine', touched: 'by hand', price: 5 }))
        .returning(),
  },
  {
    name: 'insert explicit null overrides $defaultFn',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('D-4', { note: null, touched: null }))
        .returning(),
  },
  {
    name: 'insert undefined value means not given',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('D-4', { note: undefined, qty: undefined }))
        .returning(),
  },
  {
    name: 'insert many, returning() in values order',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('Z-9', { qty: 1 }), item('D-4'), item('E-5', { price: 3 })])
        .returning(),
  },
  {
    name: 'insert many, returning partial',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('D-4'), item('E-5', { qty: 2 })])
        .returning({ id: t.items.id, sku: t.items.sku, qty: t.items.qty }),
  },
  {
    name: 'insert returning renamed keys',
    rowsOf: 'items',
    after: [],
    run: ({ db, t }) =>
      db.insert(t.items).values(item('D-4')).returning({ code: t.items.sku, stock: t.items.qty, memo: t.items.note }),
  },
  {
    name: 'insert without returning writes the row',
    after: ['items'],
    run: async ({ db, t }) => {
      await db.insert(t.items).values(item('D-4', { price: 1 }));
    },
  },
  {
    name: 'insert user: column defaults and null foreign key',
    rowsOf: 'users',
    after: ['users'],
    run: ({ db, t }) => db.insert(t.users).values({ name: 'Fay', email: 'fay@x.io' }).returning(),
  },
  {
    name: 'insert user with invitedBy and age',
    rowsOf: 'users',
    after: ['users'],
    run: ({ db, t, id }) =>
      db
        .insert(t.users)
        .values({ name: 'Gus', email: 'gus@x.io', age: 50, role: 'admin', invitedBy: id('users', 4) })
        .returning({ id: t.users.id, invitedBy: t.users.invitedBy, role: t.users.role, verified: t.users.verified }),
  },
  {
    name: 'insert post with array and json values',
    rowsOf: 'posts',
    after: ['posts'],
    run: ({ db, t, id }) =>
      db
        .insert(t.posts)
        .values({ title: 'New', authorId: id('users', 5), publishedAt: 9000, tags: ['a', 'b'], meta: { words: 1 } })
        .returning(),
  },
  {
    name: 'insert a chain: user, then a post and a comment referencing it',
    after: ['users', 'posts', 'comments'],
    run: async ({ db, t, id }) => {
      const [user] = await db.insert(t.users).values({ name: 'Hal', email: 'hal@x.io' }).returning();
      const [post] = await db
        .insert(t.posts)
        .values({ title: 'By Hal', authorId: user.id ?? user._id })
        .returning();
      await db.insert(t.comments).values({ postId: post.id ?? post._id, authorId: id('users', 1), body: 'Welcome' });
    },
  },
  {
    name: 'insert junction row returning',
    rowsOf: 'usersToGroups',
    after: ['usersToGroups'],
    run: ({ db, t, id }) =>
      db
        .insert(t.usersToGroups)
        .values({ userId: id('users', 5), groupId: id('groups', 4) })
        .returning(),
  },
];

/** Constraint failures: the statement throws and writes nothing. */
const failures: MutationScenario[] = [
  {
    name: 'insert duplicate unique value throws, nothing written',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t }) => db.insert(t.items).values(item('A-1')),
  },
  {
    name: 'insert many with a duplicate of an existing row throws, nothing written',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t }) => db.insert(t.items).values([item('D-4'), item('B-2'), item('E-5')]),
  },
  {
    name: 'insert many with duplicates within the statement throws, nothing written',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t }) => db.insert(t.items).values([item('D-4'), item('E-5'), item('D-4')]),
  },
  {
    name: 'insert duplicate composite unique throws',
    after: ['usersToGroups'],
    throws: /unique|duplicate/i,
    run: ({ db, t, id }) => db.insert(t.usersToGroups).values({ userId: id('users', 1), groupId: id('groups', 2) }),
  },
  {
    name: 'insert violating a check throws, nothing written',
    after: ['users'],
    throws: /check|age_not_negative/i,
    run: ({ db, t }) =>
      db.insert(t.users).values([
        { name: 'Ok', email: 'ok@x.io', age: 3 },
        { name: 'Neg', email: 'neg@x.io', age: -1 },
      ]),
  },
  {
    name: 'insert referencing a deleted row throws (foreign key)',
    after: ['users', 'posts'],
    throws: /foreign key/i,
    run: async ({ db, t, op, id }) => {
      await db.delete(t.users).where(op.eq(t.users.id, id('users', 5)));
      await db.insert(t.posts).values({ title: 'Orphan', authorId: id('users', 5) });
    },
  },
  {
    name: 'update to a duplicate unique value throws, nothing written',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t, op }) => db.update(t.items).set({ sku: 'A-1' }).where(op.eq(t.items.sku, 'C-3')),
  },
  {
    name: 'update many rows to one unique value throws, nothing written',
    after: ['users'],
    throws: /unique|duplicate/i,
    run: ({ db, t, op }) => db.update(t.users).set({ email: 'same@x.io' }).where(op.gt(t.users.age, 30)),
  },
  {
    name: 'update violating a check throws, nothing written',
    after: ['users'],
    throws: /check|age_not_negative/i,
    run: ({ db, t, op }) => db.update(t.users).set({ age: -5 }).where(op.isNotNull(t.users.age)),
  },
  {
    name: 'update set {} throws',
    after: ['items'],
    throws: /No values to set|no values|set/i,
    run: ({ db, t, op }) => db.update(t.items).set({}).where(op.eq(t.items.sku, 'A-1')),
  },
  {
    name: 'insert values([]) throws',
    after: ['items'],
    throws: /at least one value|values/i,
    run: ({ db, t }) => db.insert(t.items).values([]),
  },
  {
    name: 'a failing second statement rolls back the first (one transaction)',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: async ({ db, t }) => {
      await db.insert(t.items).values(item('D-4'));
      await db.insert(t.items).values(item('D-4'));
    },
  },
];

/** onConflictDoNothing / onConflictDoUpdate. */
const upserts: MutationScenario[] = [
  {
    name: 'onConflictDoNothing() skips a duplicate, returning []',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('A-1', { qty: 100 }))
        .onConflictDoNothing()
        .returning(),
  },
  {
    name: 'onConflictDoNothing({ target }) inserts only new rows',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('A-1'), item('D-4'), item('C-3'), item('E-5')])
        .onConflictDoNothing({ target: t.items.sku })
        .returning({ sku: t.items.sku }),
  },
  {
    name: 'onConflictDoNothing on a composite target',
    rowsOf: 'usersToGroups',
    after: ['usersToGroups'],
    run: ({ db, t, id }) =>
      db
        .insert(t.usersToGroups)
        .values([
          { userId: id('users', 1), groupId: id('groups', 1) },
          { userId: id('users', 2), groupId: id('groups', 1) },
        ])
        .onConflictDoNothing({ target: [t.usersToGroups.userId, t.usersToGroups.groupId] })
        .returning(),
  },
  {
    name: 'onConflictDoNothing without conflict inserts',
    rowsOf: 'users',
    after: ['users'],
    run: ({ db, t }) =>
      db
        .insert(t.users)
        .values({ name: 'Ivy', email: 'ivy@x.io' })
        .onConflictDoNothing({ target: t.users.email })
        .returning({ name: t.users.name }),
  },
  {
    name: 'onConflictDoNothing on users email keeps the old row',
    rowsOf: 'users',
    after: ['users'],
    run: ({ db, t }) =>
      db
        .insert(t.users)
        .values({ name: 'Other Dan', email: 'dan@x.io' })
        .onConflictDoNothing({ target: t.users.email })
        .returning(),
  },
  {
    name: 'onConflictDoUpdate updates the conflicting row and runs $onUpdate',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('A-1', { qty: 50 }))
        .onConflictDoUpdate({ target: t.items.sku, set: { name: 'Anvil v2', qty: 51 } })
        .returning(),
  },
  {
    name: 'onConflictDoUpdate without a conflict inserts',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('D-4', { qty: 4 }))
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 40 } })
        .returning(),
  },
  {
    name: 'onConflictDoUpdate with setWhere false leaves the row and returns nothing',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db
        .insert(t.items)
        .values(item('A-1'))
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 0 }, setWhere: op.gt(t.items.qty, 100) })
        .returning(),
  },
  {
    name: 'onConflictDoUpdate with setWhere true updates',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db
        .insert(t.items)
        .values(item('C-3'))
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 13 }, setWhere: op.gte(t.items.qty, 12) })
        .returning({ sku: t.items.sku, qty: t.items.qty, touched: t.items.touched }),
  },
  {
    name: 'onConflictDoUpdate on a composite unique',
    rowsOf: 'courseOfferings',
    after: ['courseOfferings'],
    run: ({ db, t }) =>
      db
        .insert(t.courseOfferings)
        .values({ courseId: 2, semester: 1, title: 'Physics v2' })
        .onConflictDoUpdate({
          target: [t.courseOfferings.courseId, t.courseOfferings.semester],
          set: { title: 'Physics renamed' },
        })
        .returning(),
  },
  {
    name: 'onConflictDoUpdate over several rows, some conflicting',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('B-2'), item('F-6'), item('C-3')])
        .onConflictDoUpdate({ target: t.items.sku, set: { price: 99 } })
        .returning({ sku: t.items.sku, price: t.items.price, name: t.items.name }),
  },
  {
    name: 'onConflictDoUpdate setting the explicit $onUpdate column',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('B-2'))
        .onConflictDoUpdate({ target: t.items.sku, set: { touched: 'manual' } })
        .returning({ touched: t.items.touched }),
  },
];

/** Updates: returning, $onUpdate, null, operators in where. */
const updates: MutationScenario[] = [
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

/** Deletes and foreign-key actions (cascade, set null). */
const deletes: MutationScenario[] = [
  {
    name: 'delete by id, returning() full row',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op, id }) =>
      db
        .delete(t.items)
        .where(op.eq(t.items.id, id('items', 2)))
        .returning(),
  },
  {
    name: 'delete returning partial',
    rowsOf: 'items',
    unordered: true,
    after: ['items'],
    run: ({ db, t, op }) => db.delete(t.items).where(op.gt(t.items.qty, 1)).returning({ sku: t.items.sku }),
  },
  {
    name: 'delete matching nothing returns []',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) => db.delete(t.items).where(op.eq(t.items.sku, 'nope')).returning(),
  },
  {
    name: 'delete where isNull',
    rowsOf: 'items',
    unordered: true,
    after: ['items'],
    run: ({ db, t, op }) => db.delete(t.items).where(op.isNull(t.items.note)).returning({ sku: t.items.sku }),
  },
  {
    name: 'delete a user cascades posts, comments and memberships and nulls invitedBy',
    rowsOf: 'users',
    after: ['users', 'posts', 'comments', 'usersToGroups'],
    run: ({ db, t, op, id }) =>
      db
        .delete(t.users)
        .where(op.eq(t.users.id, id('users', 1)))
        .returning({ id: t.users.id }),
  },
  {
    name: 'delete a post cascades its comments',
    after: ['posts', 'comments'],
    run: async ({ db, t, op, id }) => {
      await db.delete(t.posts).where(op.eq(t.posts.id, id('posts', 4)));
    },
  },
  {
    name: 'delete a group cascades memberships',
    after: ['groups', 'usersToGroups'],
    run: async ({ db, t, op, id }) => {
      await db.delete(t.groups).where(op.eq(t.groups.id, id('groups', 2)));
    },
  },
  {
    name: 'delete students cascades grades',
    rowsOf: 'students',
    unordered: true,
    after: ['students', 'studentGrades'],
    run: ({ db, t, op, id }) =>
      db
        .delete(t.students)
        .where(op.inArray(t.students.id, [id('students', 3), id('students', 4)]))
        .returning(),
  },
  {
    name: 'delete several users: cascades and set null chain',
    rowsOf: 'users',
    unordered: true,
    after: ['users', 'posts', 'comments', 'usersToGroups'],
    run: ({ db, t, op }) => db.delete(t.users).where(op.like(t.users.name, 'A%')).returning({ name: t.users.name }),
  },
  {
    name: 'update after delete in one scenario',
    rowsOf: 'comments',
    unordered: true,
    after: ['comments', 'posts'],
    run: async ({ db, t, op, id }) => {
      await db.delete(t.posts).where(op.eq(t.posts.id, id('posts', 1)));
      return db
        .update(t.comments)
        .set({ body: 'edited' })
        .where(op.eq(t.comments.authorId, id('users', 2)))
        .returning({
          id: t.comments.id,
          body: t.comments.body,
        });
    },
  },
];

/** $count and transactions. */
const counting: MutationScenario[] = [
  {
    name: '$count of a table',
    after: [],
    run: ({ db, t }) => db.$count(t.users),
  },
  {
    name: '$count with a filter',
    after: [],
    run: ({ db, t, op }) => db.$count(t.users, op.eq(t.users.verified, false)),
  },
  {
    name: '$count with a range filter excluding nulls',
    after: [],
    run: ({ db, t, op }) => db.$count(t.posts, op.gt(t.posts.publishedAt, 2500)),
  },
  {
    name: '$count after writes in the same transaction',
    after: ['items'],
    run: async ({ db, t, op }) => {
      await db.insert(t.items).values([item('D-4'), item('E-5')]);
      await db.delete(t.items).where(op.eq(t.items.sku, 'A-1'));
      return db.$count(t.items);
    },
  },
  {
    name: 'transaction returns its value and keeps its writes',
    after: ['items'],
    run: ({ db, t }) =>
      db.transaction(async (tx: typeof db) => {
        await tx.insert(t.items).values(item('D-4'));
        return tx.$count(t.items);
      }),
  },
  {
    name: 'transaction rollback throws TransactionRollbackError and writes nothing',
    after: ['items'],
    throws: /Rollback/,
    run: ({ db, t }) =>
      db.transaction(async (tx: typeof db) => {
        await tx.insert(t.items).values(item('D-4'));
        tx.rollback();
      }),
  },
];

export const mutationScenarios: readonly MutationScenario[] = [
  ...inserts,
  ...failures,
  ...upserts,
  ...updates,
  ...deletes,
  ...counting,
];
