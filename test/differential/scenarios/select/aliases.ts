/** alias() and self-joins: a table joined to itself under another name, result keys by alias. */
import type { SelectScenario } from '../../harness/neutral.js';

export const aliases: SelectScenario[] = [
  {
    name: 'A1 self leftJoin whole rows: { users, inviter | null }',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select()
        .from(t.users)
        .leftJoin(inviter, op.eq(inviter.id, t.users.invitedBy))
        .orderBy(op.asc(t.users.id));
    },
  },
  {
    name: 'A2 self innerJoin selection',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select({ name: t.users.name, inviter: inviter.name, inviterAge: inviter.age })
        .from(t.users)
        .innerJoin(inviter, op.eq(t.users.invitedBy, inviter.id))
        .orderBy(op.asc(t.users.id));
    },
  },
  {
    name: 'A3 where on the alias and on the table',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select({ name: t.users.name })
        .from(t.users)
        .leftJoin(inviter, op.eq(inviter.id, t.users.invitedBy))
        .where(op.or(op.eq(inviter.role, 'admin'), op.isNull(inviter.id)))
        .orderBy(op.asc(t.users.name));
    },
  },
  {
    name: 'A4 invitees per inviter: groupBy the alias _id selects its columns',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select({ inviter: inviter.name, invitees: op.count(t.users.id) })
        .from(t.users)
        .innerJoin(inviter, op.eq(inviter.id, t.users.invitedBy))
        .groupBy(inviter.id)
        .orderBy(op.desc(op.count(t.users.id)), op.asc(inviter.id));
    },
  },
  {
    name: 'A5 two aliases of one table: user, inviter, inviter of the inviter',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      const grand = alias(t.users, 'grand');
      return db
        .select({ name: t.users.name, inviter: inviter.name, grand: grand.name })
        .from(t.users)
        .leftJoin(inviter, op.eq(inviter.id, t.users.invitedBy))
        .leftJoin(grand, op.eq(grand.id, inviter.invitedBy))
        .orderBy(op.asc(t.users.id));
    },
  },
  {
    name: 'A6 select from an alias',
    run: ({ db, t, op, alias }) => {
      const u = alias(t.users, 'u');
      return db.select({ name: u.name, age: u.age }).from(u).where(op.gt(u.age, 30)).orderBy(op.asc(u.name));
    },
  },
  {
    name: 'A7 an alias beside another table: posts, author, author inviter',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select({ title: t.posts.title, author: t.users.name, inviter: inviter.email })
        .from(t.posts)
        .innerJoin(t.users, op.eq(t.users.id, t.posts.authorId))
        .leftJoin(inviter, op.eq(inviter.id, t.users.invitedBy))
        .orderBy(op.asc(t.posts.id));
    },
  },
  {
    name: 'A8 whole rows of an alias beside the table (keys users and inviter), limit',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select()
        .from(t.users)
        .innerJoin(inviter, op.eq(inviter.id, t.users.invitedBy))
        .where(op.ne(inviter.id, t.users.id))
        .orderBy(op.asc(t.users.id))
        .limit(2);
    },
  },
  {
    name: 'A9 a table joined twice without an alias is rejected',
    throws: /specified more than once|is in the select twice/,
    run: ({ db, t, op }) => db.select().from(t.users).innerJoin(t.users, op.eq(t.users.id, t.users.invitedBy)),
  },
  {
    // Any key equality of ON may key the lookup: here the second, on _id (db.get), not the first.
    name: 'A10 self innerJoin keyed by its second equality (_id)',
    run: ({ db, t, op, alias }) => {
      const inviter = alias(t.users, 'inviter');
      return db
        .select({ name: t.users.name, inviter: inviter.name })
        .from(t.users)
        .innerJoin(inviter, op.and(op.eq(inviter.verified, t.users.verified), op.eq(inviter.id, t.users.invitedBy)))
        .orderBy(op.asc(t.users.id));
    },
  },
];
