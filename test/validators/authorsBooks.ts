// Authors and their books: the schema the resultValidator shape tests share.
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../src/index';

export const authors = convexTable('authors', { name: text().notNull() });
export const books = convexTable(
  'books',
  { title: text().notNull(), authorId: id('authors').notNull(), year: integer() },
  (t) => [index('by_author').on(t.authorId)],
);
const tables = { authors, books };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  authors: { books: r.many.books() },
  books: { author: r.one.authors({ from: r.books.authorId, to: r.authors._id, optional: false }) },
}));
export const orm = createOrm({ relations });
