import { sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { limitedBackend, orm } from './limitsFixture';

const { placeholder } = sql;

const authorsWithTopBooks = orm.query.authors
  .findMany({ columns: { name: true }, with: { books: { columns: { title: true }, limit: placeholder('perAuthor') } } })
  .prepare('authorsWithTopBooks');

/** 120 authors with one book each, on a backend whose Convex limit is 100 index ranges (so relation loads read one span). */
async function backend() {
  const t = limitedBackend({ databaseQueries: 100 });
  await t.run(async (ctx) => {
    for (let i = 0; i < 120; i++) {
      const authorId = await ctx.db.insert('authors', { name: `a${i}` });
      await ctx.db.insert('books', { authorId, title: `b${i}` });
    }
  });
  return t;
}

// A nested `limit: 0` reads nothing per parent (its plan is empty: throughLimitZero.test.ts); once the
// parents outnumber half the ranges left, the load switches to one span over their keys, which reads
// every related row and then keeps none of them.
describe('a relation load with limit 0 over more parents than ranges reads no related rows', () => {
  it('with: { books: { limit: 0 } }: only the 120 authors are read (1 range)', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.authors.findMany({ with: { books: { limit: 0 } } });
      return { rows: rows.length, books: rows.flatMap((row) => row.books).length, reads: { ...reads } };
    });
    expect(out).toEqual({ rows: 120, books: 0, reads: { documents: 120, ranges: 1 } });
  });

  it('prepared, executed with a per-parent limit of 0: only the 120 authors are read (1 range)', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await authorsWithTopBooks.execute(ctx, { perAuthor: 0 });
      return { rows: rows.length, books: rows.flatMap((row) => row.books).length, reads: { ...reads } };
    });
    expect(out).toEqual({ rows: 120, books: 0, reads: { documents: 120, ranges: 1 } });
  });
});
