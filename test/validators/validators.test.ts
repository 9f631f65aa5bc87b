import { v } from 'convex/values';
import {
  convexTable,
  defineRelations,
  id,
  insertValidator,
  isOrmError,
  resultValidator,
  selectValidator,
  text,
  timestamp,
  updateValidator,
} from 'convex-orm';
import { describe, expect, it } from 'vitest';

const authors = convexTable('authors', { name: text().notNull(), bio: text(), slug: text().notNull().default('x') });
const books = convexTable('books', {
  title: text().notNull(),
  authorId: id('authors').notNull(),
  printedAt: timestamp({ mode: 'string' }),
});
const relations = defineRelations({ authors, books }, (r) => ({
  authors: { books: r.many.books() },
  books: { author: r.one.authors({ from: r.books.authorId, to: r.authors._id, optional: false }) },
}));

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('validators from tables', () => {
  it('insert: required notNull, optional defaulted, optional nullable-or-null', () => {
    expect(insertValidator(authors)).toEqual(
      v.object({
        name: v.string(),
        bio: v.optional(v.union(v.null(), v.string())),
        slug: v.optional(v.string()),
      }),
    );
  });

  it('update: every column optional; select: system fields first, nullable as T | null', () => {
    expect(updateValidator(authors)).toEqual(
      v.object({
        name: v.optional(v.string()),
        bio: v.optional(v.union(v.null(), v.string())),
        slug: v.optional(v.string()),
      }),
    );
    expect(selectValidator(authors, { omit: ['slug'] })).toEqual(
      v.object({
        _id: v.id('authors'),
        _creationTime: v.float64(),
        name: v.string(),
        bio: v.union(v.null(), v.string()),
      }),
    );
  });

  it('result: the selected columns, many as arrays, one as nullable objects', () => {
    const shape = resultValidator(relations, 'authors', {
      columns: { name: true },
      with: { books: { columns: { title: true }, with: { author: { columns: { _id: true } } } } },
    });
    expect(shape).toEqual(
      v.object({
        name: v.string(),
        books: v.array(v.object({ title: v.string(), author: v.union(v.null(), v.object({ _id: v.id('authors') })) })),
      }),
    );
  });

  it('insert: a notNull $onUpdateFn column is optional (the insert fills it), as its insert type says', () => {
    const stamped = convexTable('stamped', {
      name: text().notNull(),
      updatedAt: timestamp()
        .notNull()
        .$onUpdateFn(() => Date.now()),
    });
    expect(insertValidator(stamped)).toEqual(v.object({ name: v.string(), updatedAt: v.optional(v.float64()) }));
  });

  it('result: a nested config with _count (its type allows it there) has a number per counted relation', () => {
    const shape = resultValidator(relations, 'books', {
      columns: { title: true },
      with: { author: { columns: { name: true }, _count: { books: true } } },
    });
    expect(shape).toEqual(
      v.object({
        title: v.string(),
        author: v.union(v.null(), v.object({ name: v.string(), _count: v.object({ books: v.float64() }) })),
      }),
    );
  });

  it('a timestamp({ mode: "string" }) column travels as its ISO string, not as the stored milliseconds', () => {
    expect(selectValidator(books, { pick: ['printedAt'] })).toEqual(
      v.object({ printedAt: v.union(v.null(), v.string()) }),
    );
    expect(insertValidator(books, { pick: ['printedAt'] })).toEqual(
      v.object({ printedAt: v.optional(v.union(v.null(), v.string())) }),
    );
    expect(resultValidator(relations, 'books', { columns: { printedAt: true } })).toEqual(
      v.object({ printedAt: v.union(v.null(), v.string()) }),
    );
  });

  it('unknown pick / omit keys, relations and extras are typed errors', () => {
    const unknown = errorOf(() => insertValidator(authors, { pick: ['nope' as 'name'] }));
    expect(isOrmError(unknown, 'UNKNOWN_COLUMN')).toBe(true);
    expect((unknown as Error).message).toContain('"nope"');
    // insert and update cover the writable columns only.
    expect(
      isOrmError(
        errorOf(() => updateValidator(authors, { omit: ['_id' as 'name'] })),
        'UNKNOWN_COLUMN',
      ),
    ).toBe(true);
    expect(
      isOrmError(
        errorOf(() => resultValidator(relations, 'authors', { with: { nope: true } as never })),
        'UNKNOWN_RELATION',
      ),
    ).toBe(true);
    const extras = errorOf(() =>
      resultValidator(relations, 'authors', { with: { books: { extras: { n: () => 1 } } } } as never),
    );
    expect(isOrmError(extras, 'INVALID_QUERY')).toBe(true);
    expect((extras as Error).message).toContain('"books"');
  });
});
