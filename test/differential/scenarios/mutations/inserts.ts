/** Inserts (returning shapes, defaults) and statements that fail on a constraint and write nothing. */
import type { MutationScenario } from '../../harness/neutral.js';
import { item } from './common.js';

/** Inserts: returning shapes, defaults, $defaultFn, $onUpdate on insert. */
export const inserts: MutationScenario[] = [
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
    name: 'insert int64 beyond 2^53, returning',
    rowsOf: 'studentGrades',
    after: ['studentGrades'],
    run: ({ db, t, id }) =>
      db
        .insert(t.studentGrades)
        .values([
          { studentId: id('students', 5), courseId: 5, semester: 1, grade: 'A', points: 1152921504606846977n },
          { studentId: id('students', 5), courseId: 1, semester: 1, grade: 'C' },
        ])
        .returning(),
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
export const failures: MutationScenario[] = [
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
  {
    name: 'insert without a notNull column throws, nothing written',
    after: ['users'],
    throws: /null|name/i,
    run: ({ db, t }) => db.insert(t.users).values([{ name: 'Ok', email: 'ok@x.io' }, { email: 'nameless@x.io' }]),
  },
  {
    name: 'insert explicit null into a notNull column throws',
    after: ['items'],
    throws: /null|name/i,
    run: ({ db, t }) => db.insert(t.items).values({ sku: 'D-4', name: null }),
  },
  {
    name: 'update a notNull column to null throws, nothing written',
    after: ['items'],
    throws: /null|qty/i,
    run: ({ db, t, op }) => db.update(t.items).set({ qty: null }).where(op.gte(t.items.qty, 0)),
  },
  {
    name: 'insert a string into an integer column throws',
    after: ['items'],
    throws: /integer|number/i,
    run: ({ db, t }) => db.insert(t.items).values(item('D-4', { qty: 'many' })),
  },
  {
    name: 'insert a fraction into an integer column throws',
    after: ['items'],
    throws: /integer/i,
    run: ({ db, t }) => db.insert(t.items).values(item('D-4', { qty: 3.7 })),
  },
];
