// docs/tooling.md says "`one` relations accept `null`
// at runtime even when the relation is `optional: false`: the target document may be missing, and
// the ORM then returns `null`". Here the author a book points at is gone (a raw ctx.db.delete, as
// Convex has no foreign keys), and the function whose `returns` is the resultValidator of
// `{ with: { author: true } }` must return the rows with
// `author: null`, not fail return validation or throw.
import { queryGeneric } from 'convex/server';
import { v } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { resultValidator } from '../../src/index';
import { backend, q } from '../convex/convexUser/harness';
import { orm, relations, schema } from './authorsBooks';

describe('resultValidator: an optional: false one relation whose target is missing', () => {
  it('validates the row the ORM returns, with the relation null', async () => {
    const bookShape = { columns: { title: true }, with: { author: { columns: { name: true } } } } as const;
    const fns = {
      books: queryGeneric({
        args: {},
        returns: v.array(resultValidator(relations, 'books', bookShape)),
        handler: (ctx) => orm.db(ctx).query.books.findMany(bookShape),
      }),
    };
    const t = backend(schema, fns);
    await t.run(async (ctx) => {
      const gone = await ctx.db.insert('authors', { name: 'Gone' });
      await ctx.db.insert('books', { title: 'Orphan', authorId: gone });
      await ctx.db.delete(gone);
    });
    expect(await t.query(q('books'), {})).toEqual([{ title: 'Orphan', author: null }]);
  });
});
