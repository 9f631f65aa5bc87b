// An `inArray` carried across an inner join's key to the other column (impliedEqualities) is read
// there as one index range per value, ranges the user did not write: a list of more than 16 values
// stays where it was written. 5 books of 5 authors, joined to their author and filtered by a list of
// 120 author ids, under a limit of 100 index ranges, read the 5 books (one range) and their authors
// by id, as before the carry; they do not fail with SCAN_BUDGET_EXCEEDED (indexRanges) on a list
// of 120 ranges on `books`. A short list is still carried (see selectJoinKeyEqualityPinsBothSides).
import { describe, expect, it } from 'vitest';
import { eq, inArray } from '../../src/index';
import { authors, books, limitedBackend, orm } from './limitsFixture';

describe('a carried in-list takes no more index ranges than the select needs', () => {
  it('120 author ids over 5 books under a limit of 100 ranges: the 5 joined rows, no SCAN_BUDGET_EXCEEDED', async () => {
    const t = limitedBackend({ databaseQueries: 100 });
    const ids = await t.run(async (ctx) => {
      const ids = [];
      for (let i = 0; i < 120; i++) {
        const authorId = await ctx.db.insert('authors', { name: `a${i}` });
        ids.push(authorId);
        if (i < 5) await ctx.db.insert('books', { authorId, title: `b${i}` });
      }
      return ids;
    });
    const result = await t.run(async (ctx) => {
      try {
        const rows = await orm
          .db(ctx)
          .select({ title: books.title, author: authors.name })
          .from(books)
          .innerJoin(authors, eq(authors._id, books.authorId))
          .where(inArray(authors._id, ids));
        return rows.map((row) => `${row.title}/${row.author}`).sort();
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    });
    expect(result).toEqual(['b0/a0', 'b1/a1', 'b2/a2', 'b3/a3', 'b4/a4']);
  });
});
