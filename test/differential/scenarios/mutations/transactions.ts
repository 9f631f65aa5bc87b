/** `$count`, transactions and queries inside mutations. */
import type { MutationScenario } from '../../harness/neutral.js';
import { item } from './common.js';

/** $count and transactions. */
export const counting: MutationScenario[] = [
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
    name: 'D937 query inside a transaction sees its writes',
    after: ['items'],
    run: ({ db, t }) =>
      db.transaction(async (tx: typeof db) => {
        await tx.insert(t.items).values(item('D-4', { qty: 4 }));
        return tx.query.items.findMany({ columns: { sku: true, qty: true, note: true }, orderBy: { sku: 'desc' } });
      }),
  },
  {
    name: 'findFirst after an update in the same mutation',
    after: [],
    run: async ({ db, t, op }) => {
      await db.update(t.items).set({ qty: 100 }).where(op.eq(t.items.sku, 'B-2'));
      return db.query.items.findFirst({ where: { qty: { gte: 100 } }, columns: { sku: true, touched: true } });
    },
  },
  {
    name: 'relational query after a cascade delete in the same mutation',
    after: [],
    run: async ({ db, t, op, id }) => {
      await db.delete(t.posts).where(op.eq(t.posts.id, id('posts', 1)));
      return db.query.users.findMany({
        columns: { name: true },
        where: { comments: true },
        orderBy: { name: 'asc' },
        with: { comments: { columns: { body: true }, orderBy: { body: 'asc' } } },
      });
    },
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
