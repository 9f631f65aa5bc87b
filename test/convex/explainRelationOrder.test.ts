import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm as exampleOrm } from '../../example/convex/orm';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, isOrmError, text } from '../../src/index';
import { seeded } from './seed';

// explain() describes the reads a relation `orderBy` term makes (the related rows per row:
// `orderReads`, their table, index and ranges, and the full scan they run when no index serves
// the join, which strict mode refuses), as it does for `with` and relation filters; and `_count`'s
// scan names its index or full scan.

const authors = convexTable('authors', { name: text().notNull() });
const books = convexTable('books', { authorName: text().notNull(), title: text().notNull() });
const tables = { authors, books };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  authors: { books: r.many.books({ from: r.authors.name, to: r.books.authorName }) },
  books: { author: r.one.authors({ from: r.books.authorName, to: r.authors.name }) },
}));
const strict = createOrm({ relations, strict: true });

/** Every `fullScan` flag anywhere in an explain tree. */
function fullScans(node: unknown): boolean[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'fullScan' ? [value as boolean] : fullScans(value)));
}

describe('explain() describes the reads of relation orderBy terms', () => {
  it('strict: the per-row full scan of an unindexed relation order is in explain() before it throws', async () => {
    const t = convexTest(schema, modules);
    const ids = await t.run(async (ctx) => {
      const a = await ctx.db.insert('authors', { name: 'a' });
      const b = await ctx.db.insert('authors', { name: 'b' });
      for (const [authorName, title] of [
        ['a', 't1'],
        ['a', 't2'],
        ['b', 't3'],
      ] as const) {
        await ctx.db.insert('books', { authorName, title });
      }
      return [a, b];
    });
    const out = await t.run(async (ctx) => {
      const query = strict.db(ctx as never).query.authors.findMany({
        where: { _id: { in: ids } },
        orderBy: { books: 'desc(count)' },
      });
      const explained = query.explain();
      const error = await query.then(
        () => null,
        (e: unknown) => (isOrmError(e) ? { code: e.code, table: e.table } : String(e)),
      );
      return { explained, error };
    });
    // What runs: strict mode refuses the full scan of "books" the order term needs per author.
    expect(out.error).toEqual({ code: 'FULL_SCAN_FORBIDDEN', table: 'books' });
    // What explain() says: it must show that read (its table and its full scan).
    expect(JSON.stringify(out.explained)).toContain('"table":"books"');
    expect(fullScans(out.explained)).toContain(true);
  });

  it('the posts an order by posts count reads (7 documents, 5 ranges of by_author) appear in explain()', async () => {
    const { t } = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = exampleOrm.db(ctx).query.users.findMany({
        columns: { name: true },
        orderBy: { posts: 'desc(count)' },
      });
      const explained = query.explain();
      const rows = await query;
      return { explained, rows, reads: { ...reads } };
    });
    expect(out.rows.map((user) => user.name)).toEqual(['Ada', 'Bob', 'Cy', 'Eve', 'Di']);
    // 5 users (1 range) + each user's posts (7 documents, 5 ranges on posts.by_author).
    expect(out.reads).toEqual({ documents: 12, ranges: 6 });
    expect(JSON.stringify(out.explained)).toContain('"index":"by_author"');
  });

  it('_count: the scan names its full scan when no index serves the join', async () => {
    const t = convexTest(schema, modules);
    const explained = await t.run(async (ctx) =>
      strict
        .db(ctx as never)
        .query.authors.findMany({ _count: { books: true } })
        .explain(),
    );
    expect(explained._count).toEqual({
      books:
        'per distinct parent key: a bounded scan of the related rows (full scan of books, refused under strict; add index on books(authorName)); one range over the key span past half the ranges left',
    });
  });
});
