/** onConflictDoNothing / onConflictDoUpdate, and conflict targets that are not unique. */
import type { MutationScenario } from '../../harness/neutral.js';
import { item } from './common.js';

/** onConflictDoNothing / onConflictDoUpdate. */
export const upserts: MutationScenario[] = [
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
  {
    name: 'onConflictDoNothing skips a row conflicting with an earlier row of the same statement',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('D-4', { qty: 1 }), item('D-4', { qty: 2 }), item('E-5')])
        .onConflictDoNothing({ target: t.items.sku })
        .returning({ sku: t.items.sku, qty: t.items.qty }),
  },
  {
    name: 'onConflictDoUpdate cannot affect the same row twice in one statement',
    after: ['items'],
    throws: /second time|twice|more than once|same statement|duplicate/i,
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('A-1'), item('A-1')])
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 1 } }),
  },
  {
    name: 'onConflictDoNothing(): a skipped row holds no key, a later row with its barcode is inserted',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('A-1', { barcode: 'new-x' }), item('Z-9', { barcode: 'new-x' })])
        .onConflictDoNothing()
        .returning({ sku: t.items.sku, barcode: t.items.barcode }),
  },
  {
    name: 'onConflictDoNothing({ target }): a skipped row holds no key on the other unique',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('B-2', { barcode: 'new-y' }), item('Y-8', { barcode: 'new-y' })])
        .onConflictDoNothing({ target: t.items.sku })
        .returning({ sku: t.items.sku }),
  },
  {
    name: 'onConflictDoNothing({ target }) with a row conflicting on the other unique throws',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('Z-9', { barcode: 'anvil' })])
        .onConflictDoNothing({ target: t.items.sku }),
  },
  {
    name: 'onConflictDoUpdate with a key repeated while setWhere leaves the row alone',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db
        .insert(t.items)
        .values([item('A-1'), item('A-1')])
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 0 }, setWhere: op.gt(t.items.qty, 100) })
        .returning(),
  },
  {
    name: 'onConflictDoUpdate cannot update a row a second time even when setWhere would now skip it',
    after: ['items'],
    throws: /second time|twice/i,
    run: ({ db, t, op }) =>
      db
        .insert(t.items)
        .values([item('A-1'), item('A-1')])
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 1 }, setWhere: op.eq(t.items.qty, 3) }),
  },
  {
    name: 'onConflictDoUpdate cannot update a row the statement inserted',
    after: ['items'],
    throws: /second time|twice/i,
    run: ({ db, t, op }) =>
      db
        .insert(t.items)
        .values([item('Z-9'), item('Z-9')])
        .onConflictDoUpdate({ target: t.items.sku, set: { qty: 1 }, setWhere: op.gt(t.items.qty, 100) }),
  },
  {
    name: 'onConflictDoUpdate moving a key frees it for a later row of the statement',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('A-1'), item('A-1', { qty: 8 })])
        .onConflictDoUpdate({ target: t.items.sku, set: { sku: 'A-9' } })
        .returning({ sku: t.items.sku, qty: t.items.qty }),
  },
  {
    name: 'onConflictDoUpdate checks unique keys row by row: taking a key a later row frees throws',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('Z-9', { barcode: 'anvil' }), item('A-1')])
        .onConflictDoUpdate({ target: t.items.sku, set: { barcode: 'moved' } }),
  },
  {
    name: 'onConflictDoUpdate checks unique keys row by row: a key freed by an earlier row is free',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values([item('A-1'), item('Z-9', { barcode: 'anvil' })])
        .onConflictDoUpdate({ target: t.items.sku, set: { barcode: 'moved' } })
        .returning({ sku: t.items.sku, barcode: t.items.barcode }),
  },
  {
    name: 'onConflictDoNothing checks a conflicting row against the check constraints',
    after: ['users'],
    throws: /check|age_not_negative/i,
    run: ({ db, t }) =>
      db
        .insert(t.users)
        .values({ name: 'Other Dan', email: 'dan@x.io', age: -5 })
        .onConflictDoNothing({ target: t.users.email }),
  },
  {
    name: 'onConflictDoUpdate checks a conflicting row against the check constraints before updating',
    after: ['users'],
    throws: /check|age_not_negative/i,
    run: ({ db, t }) =>
      db
        .insert(t.users)
        .values({ name: 'Other Dan', email: 'dan@x.io', age: -5 })
        .onConflictDoUpdate({ target: t.users.email, set: { name: 'Dan v2' } }),
  },
  {
    name: 'onConflictDoNothing checks a conflicting row for nulls in notNull columns',
    after: ['items'],
    throws: /null/i,
    run: ({ db, t }) => db.insert(t.items).values({ sku: 'A-1', name: null }).onConflictDoNothing(),
  },
  {
    name: 'onConflictDoUpdate whose set breaks another unique value throws',
    after: ['items'],
    throws: /unique|duplicate/i,
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('A-1'))
        .onConflictDoUpdate({ target: t.items.sku, set: { sku: 'B-2' } }),
  },
  {
    name: 'update keeping a unique value unchanged is no conflict',
    rowsOf: 'items',
    after: ['items'],
    run: ({ db, t, op }) =>
      db.update(t.items).set({ sku: 'A-1', qty: 4 }).where(op.eq(t.items.sku, 'A-1')).returning({ sku: t.items.sku }),
  },
];

/** A conflict target must be a unique constraint on both sides. */
export const badTargets: MutationScenario[] = [
  {
    name: 'onConflictDoUpdate with a non-unique target throws',
    after: ['items'],
    throws: /unique/i,
    run: ({ db, t }) =>
      db
        .insert(t.items)
        .values(item('A-1'))
        .onConflictDoUpdate({ target: t.items.name, set: { qty: 1 } }),
  },
  {
    name: 'onConflictDoNothing with a non-unique target throws',
    after: ['items'],
    throws: /unique/i,
    run: ({ db, t }) => db.insert(t.items).values(item('D-4')).onConflictDoNothing({ target: t.items.qty }),
  },
  {
    name: 'onConflictDoUpdate on part of a composite unique throws',
    after: ['courseOfferings'],
    throws: /unique/i,
    run: ({ db, t }) =>
      db
        .insert(t.courseOfferings)
        .values({ courseId: 1, semester: 1, title: 'x' })
        .onConflictDoUpdate({ target: t.courseOfferings.courseId, set: { title: 'y' } }),
  },
];
