import { getConvexSize } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { count, eq, max } from '../../src/index';
import { authors, blobs, books, filler, limitedBackend, orm } from './limitsFixture';

type Backend = ReturnType<typeof limitedBackend>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];

/** The size Convex gives what `query` resolves to, or the ORM error it rejects with. */
function outcome(t: Backend, query: (ctx: Ctx) => Promise<unknown>) {
  return t.run(async (ctx) => {
    try {
      const result = await query(ctx);
      return { resolved: true as const, bytes: getConvexSize(result as never) };
    } catch (error) {
      const {
        code = 'NOT_AN_ORM_ERROR',
        table,
        details,
      } = error as { code?: string; table?: string; details?: unknown };
      return { resolved: false as const, code, table, details };
    }
  });
}

// docs/queries.md "Result size" and docs/select.md: a db.select() join's row matched by several
// rows is read once but repeated in each result row, and past Convex's 16 MiB return value the
// select throws RESULT_TOO_LARGE "instead of returning what the function could not return"; a
// result is taken to fit only when it holds each row it read at most once.
describe("a select's result past Convex's 16 MiB return value", () => {
  it('grouped per book with its joined author: the author repeats per group, a typed error', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      const authorId = await ctx.db.insert('authors', { name: filler(900 * 1024) });
      for (let i = 0; i < 30; i++) await ctx.db.insert('books', { authorId, title: `b${i}` });
    });
    const result = await outcome(t, (ctx) =>
      orm
        .db(ctx)
        .select({ title: books.title, author: authors.name })
        .from(books)
        .innerJoin(authors, eq(books.authorId, authors._id))
        .groupBy(books.title, authors.name),
    );
    // Observed: resolved, 27,648,652 bytes (30 groups, each holding the 900 KiB name): the grouped
    // path never records the joined rows, so the result is not checked.
    expect(result).toMatchObject({ resolved: false, code: 'RESULT_TOO_LARGE', table: 'books' });
  });

  it('grouped per book with its joined author, the name left out of the groups: it fits and is returned', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      const authorId = await ctx.db.insert('authors', { name: filler(900 * 1024) });
      for (let i = 0; i < 30; i++) await ctx.db.insert('books', { authorId, title: `b${i}` });
    });
    const result = await outcome(t, (ctx) =>
      orm
        .db(ctx)
        .select({ title: books.title, authors: count(authors._id) })
        .from(books)
        .innerJoin(authors, eq(books.authorId, authors._id))
        .groupBy(books.title),
    );
    // The repeated author could pass the limit, so the result is measured: 30 small groups.
    expect(result).toMatchObject({ resolved: true });
  });

  it('one column selected under two keys: the result is twice what was read, a typed error', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('blobs', { body: filler(900 * 1024) });
    });
    // 9 MiB read, within the 15 MiB budget; each row holds its body twice: 18 MiB.
    const result = await outcome(t, (ctx) => orm.db(ctx).select({ body: blobs.body, copy: blobs.body }).from(blobs));
    // Observed: resolved with 18,432,162 bytes: a select without joins is never checked.
    expect(result).toMatchObject({
      resolved: false,
      code: 'RESULT_TOO_LARGE',
      table: 'blobs',
      details: { repeating: 'column "blobs.body"', copies: 2, limit: 16 * 1024 * 1024 },
    });
  });

  it('a column grouped by and also selected as its max(): twice what was read, a typed error', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('blobs', { body: filler(900 * 1024 - i) });
    });
    const result = await outcome(t, (ctx) =>
      orm
        .db(ctx)
        .select({ body: blobs.body, longest: max(blobs.body) })
        .from(blobs)
        .groupBy(blobs.body),
    );
    expect(result).toMatchObject({ resolved: false, code: 'RESULT_TOO_LARGE', details: { copies: 2 } });
  });

  it('one column selected under two keys over 5 rows: it fits and is returned', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('blobs', { body: filler(900 * 1024) });
    });
    // 5 rows read (4.5 MiB), twice over 9 MiB: within the limit, so not even measured.
    const result = await outcome(t, (ctx) =>
      orm.db(ctx).select({ body: blobs.body, copy: blobs.body }).from(blobs).limit(5),
    );
    expect(result).toMatchObject({ resolved: true });
  });
});
