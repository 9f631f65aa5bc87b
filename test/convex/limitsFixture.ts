import type { TransactionLimits } from 'convex/server';
import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import { type AnyColumn, convexTable, createOrm, defineRelations, defineSchema, id, json, text } from '../../src/index';

/** A small schema of its own for the transaction-limit tests (the example app's is not changed). */
export const authors = convexTable('authors', { name: text().notNull() });
export const books = convexTable('books', {
  authorId: id('authors')
    .notNull()
    .references((): AnyColumn => authors._id),
  title: text().notNull(),
});
export const blobs = convexTable('blobs', { body: text().notNull() });
export const accounts = convexTable('accounts', {
  a: text().notNull().unique(),
  b: text().notNull().unique(),
  c: text().notNull().unique(),
  d: text().notNull().unique(),
  e: text().notNull().unique(),
});
export const notes = convexTable('notes', { title: text().notNull(), body: json<unknown>() });

const tables = { authors, books, blobs, accounts, notes };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  authors: { books: r.many.books() },
  books: { author: r.one.authors({ from: r.books.authorId, to: r.authors._id }) },
}));
export const orm = createOrm({ relations });

/** convex-test with Convex's transaction limits enforced (its defaults, or lower ones). */
export function limitedBackend(limits: true | TransactionLimits = true) {
  return convexTest({ schema, modules, transactionLimits: limits });
}

/** `n` characters, to make documents of a given size. */
export const filler = (n: number) => 'x'.repeat(n);
