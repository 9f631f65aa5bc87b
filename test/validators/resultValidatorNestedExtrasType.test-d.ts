// `extras` in a nested `with` config of resultValidator's shape is a type error, as at the root: the
// runtime refuses extras at any depth (INVALID_QUERY: they have no validator; docs/tooling.md "Leave
// them out of the shape"), and types accept nothing the runtime refuses.
import { describe, it } from 'vitest';
import { convexTable, defineRelations, id, resultValidator, text } from '../../src/index';

const authors = convexTable('authors', { name: text().notNull() });
const books = convexTable('books', { title: text().notNull(), authorId: id('authors').notNull() });
const relations = defineRelations({ authors, books }, (r) => ({
  authors: { books: r.many.books() },
  books: { author: r.one.authors({ from: r.books.authorId, to: r.authors._id }) },
}));

describe('resultValidator: extras in a nested with config', () => {
  it('is a type error, as at the root (INVALID_QUERY at run time)', () => {
    // @ts-expect-error extras at the root: no validator (already a type error today)
    resultValidator(relations, 'authors', { extras: { n: () => 1 } });
    // @ts-expect-error extras of a many relation's config: no validator (INVALID_QUERY at run time)
    resultValidator(relations, 'authors', { with: { books: { extras: { n: () => 1 } } } });
    // @ts-expect-error extras of a one relation's config: no validator (INVALID_QUERY at run time)
    resultValidator(relations, 'books', { with: { author: { columns: { name: true }, extras: { x: () => 'y' } } } });
  });
});
