// A resultValidator shape takes only what shapes a row (`columns`, `with`, `_count`): another key
// beside them (`limit`, `orderBy`, a typo) is a type error, as are an unknown relation, column or
// nested option beside known ones (docs/tooling.md: unknown relations "are type errors first"),
// as the query configs refuse them.
import { describe, it } from 'vitest';
import { convexTable, defineRelations, id, resultValidator, text } from '../../src/index';

const authors = convexTable('authors', { name: text().notNull() });
const books = convexTable('books', { title: text().notNull(), authorId: id('authors').notNull() });
const relations = defineRelations({ authors, books }, (r) => ({
  authors: { books: r.many.books() },
  books: { author: r.one.authors({ from: r.books.authorId, to: r.authors._id }) },
}));

describe('resultValidator: keys that are not part of a shape, beside known ones', () => {
  it('are type errors', () => {
    // @ts-expect-error an unknown key beside columns (INVALID_QUERY at run time)
    resultValidator(relations, 'authors', { columns: { name: true }, nope: 1 });
    // @ts-expect-error limit at the root of a shape (INVALID_QUERY at run time)
    resultValidator(relations, 'authors', { with: { books: true }, limit: 3 });
    // @ts-expect-error orderBy shapes nothing (silently ignored at run time)
    resultValidator(relations, 'authors', { columns: { name: true }, orderBy: { name: 'asc' } });
  });

  it('unknown relations, columns and options beside known ones are type errors, as alone', () => {
    // @ts-expect-error unknown relation beside a known one (UNKNOWN_RELATION at run time)
    resultValidator(relations, 'authors', { with: { books: true, nope: true } });
    // @ts-expect-error unknown column beside a known one (UNKNOWN_COLUMN at run time)
    resultValidator(relations, 'authors', { columns: { name: true, nope: true } });
    // @ts-expect-error unknown option of a nested config beside a known one (INVALID_QUERY at run time)
    resultValidator(relations, 'authors', { with: { books: { columns: { title: true }, nope: 1 } } });
  });

  it('a shape that is no object is a type error (INVALID_QUERY at run time)', () => {
    // @ts-expect-error an array as the shape
    resultValidator(relations, 'authors', []);
    // @ts-expect-error a string as the shape
    resultValidator(relations, 'authors', 'columns');
  });
});
