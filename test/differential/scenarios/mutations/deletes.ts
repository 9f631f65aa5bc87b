/** Deletes and foreign-key actions (cascade, set null, restrict). */
import type { MutationScenario } from '../../harness/neutral.js';

/** Deletes and foreign-key actions (cascade, set null). */
export const deletes: MutationScenario[] = [
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

/** `onDelete: 'restrict'` (items.ownerId), where Postgres and convex-orm agree. */
export const restricts: MutationScenario[] = [
  {
    name: 'delete a user an item references (restrict) throws, nothing written',
    after: ['users', 'items'],
    throws: /foreign key|restrict/i,
    run: ({ db, t, op, id }) => db.delete(t.users).where(op.eq(t.users.id, id('users', 5))),
  },
  {
    name: 'restrict among several deleted users throws, nothing written',
    after: ['users', 'posts', 'comments', 'usersToGroups', 'items'],
    throws: /foreign key|restrict/i,
    run: ({ db, t, op, id }) => db.delete(t.users).where(op.inArray(t.users.id, [id('users', 3), id('users', 4)])),
  },
  {
    name: 'delete the referencing item first, then the user',
    rowsOf: 'users',
    after: ['users', 'items'],
    run: async ({ db, t, op, id }) => {
      await db.delete(t.items).where(op.eq(t.items.ownerId, id('users', 5)));
      return db
        .delete(t.users)
        .where(op.eq(t.users.id, id('users', 5)))
        .returning({ name: t.users.name });
    },
  },
  {
    name: 'moving the reference away unblocks the delete',
    after: ['users', 'items'],
    run: async ({ db, t, op, id }) => {
      await db
        .update(t.items)
        .set({ ownerId: id('users', 1) })
        .where(op.eq(t.items.sku, 'C-3'));
      await db.delete(t.users).where(op.eq(t.users.id, id('users', 4)));
    },
  },
  {
    name: 'update a foreign key to a deleted row throws',
    after: ['items', 'users'],
    throws: /foreign key/i,
    run: async ({ db, t, op, id }) => {
      await db.delete(t.users).where(op.eq(t.users.id, id('users', 2)));
      await db
        .update(t.items)
        .set({ ownerId: id('users', 2) })
        .where(op.eq(t.items.sku, 'B-2'));
    },
  },
];
