import { getConvexSize } from 'convex/values';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm as appOrm } from '../../example/convex/orm';
import appSchema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { eq } from '../../src/index';
import { authors, books, filler, limitedBackend, orm } from './limitsFixture';

const MiB = 1024 * 1024;

type Backend = Pick<ReturnType<typeof convexTest>, 'run'>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];

/** `count` books sharing one author whose name is `nameBytes` characters. */
async function booksOfOneAuthor(t: Backend, count: number, nameBytes: number) {
  await t.run(async (ctx) => {
    const authorId = await ctx.db.insert('authors', { name: filler(nameBytes) });
    for (let i = 0; i < count; i++) await ctx.db.insert('books', { authorId, title: `b${i}` });
  });
}

/**
 * What `query` comes to: the size Convex gives what it resolves to (what a function returning it
 * hands back to Convex, which refuses a return value over 16 MiB), or the ORM error it rejects with.
 */
function outcome(t: Backend, query: (ctx: Ctx) => Promise<unknown>) {
  return t.run(async (ctx) => {
    try {
      const result = await query(ctx);
      return { resolved: true, bytes: getConvexSize(result as never) };
    } catch (error) {
      const { code = 'NOT_AN_ORM_ERROR', table, details } = error as { code?: string; table?: string; details?: any };
      return { resolved: false, code, table, details };
    }
  });
}

/** The typed error a result past 16 MiB rejects with, naming its table and the relation whose rows repeat. */
const tooLarge = (table: string, repeating: string) => ({
  resolved: false,
  code: 'RESULT_TOO_LARGE',
  table,
  details: expect.objectContaining({ limit: 16 * MiB, repeating, bytes: expect.any(Number) }),
});

describe("a query's result stays within Convex's 16 MiB return value", () => {
  it('30 books sharing one 900 KiB author, with: { author: true }: a typed error, not a 27 MB result', async () => {
    const t = limitedBackend();
    await booksOfOneAuthor(t, 30, 900 * 1024);
    const result = await outcome(t, (ctx) => orm.db(ctx).query.books.findMany({ with: { author: true } }));
    // The ORM read under 1 MiB (the author once), within every read budget, yet the shaped result
    // repeats the author per book: 30 x 900 KiB (27,653,812 bytes), which no Convex function can return.
    expect(result).toEqual(tooLarge('books', 'the rows of relation "author" of "books"'));
    expect(result.details.bytes).toBeGreaterThan(27 * 1000 * 1000);
  });

  it('the same books with the author narrowed by columns, or 10 of them: the result, under 16 MiB', async () => {
    const t = limitedBackend();
    await booksOfOneAuthor(t, 30, 900 * 1024);
    const narrowed = await outcome(t, (ctx) =>
      orm.db(ctx).query.books.findMany({ with: { author: { columns: { _id: true } } } }),
    );
    expect(narrowed).toMatchObject({ resolved: true });
    const ten = await outcome(t, (ctx) => orm.db(ctx).query.books.findMany({ limit: 10, with: { author: true } }));
    expect(ten).toMatchObject({ resolved: true });
    expect(ten.bytes).toBeGreaterThan(9 * 900 * 1024);
  });

  it('findFirst of the author with its books, each with their author (nested with): a typed error', async () => {
    const t = limitedBackend();
    await booksOfOneAuthor(t, 30, 900 * 1024);
    const result = await outcome(t, (ctx) =>
      orm.db(ctx).query.authors.findFirst({ with: { books: { with: { author: true } } } }),
    );
    expect(result).toEqual(tooLarge('authors', 'the rows of relation "author" of "books"'));
  });

  it('paginate of the books with their author: a typed error', async () => {
    const t = limitedBackend();
    await booksOfOneAuthor(t, 30, 900 * 1024);
    const result = await outcome(t, (ctx) =>
      orm.db(ctx).query.books.paginate({ numItems: 30, cursor: null }, { with: { author: true } }),
    );
    expect(result).toEqual(tooLarge('books', 'the rows of relation "author" of "books"'));
  });

  it('db.select() of the books joined with their author: a typed error', async () => {
    const t = limitedBackend();
    await booksOfOneAuthor(t, 30, 900 * 1024);
    const result = await outcome(t, (ctx) =>
      orm.db(ctx).select().from(books).innerJoin(authors, eq(books.authorId, authors._id)),
    );
    expect(result).toEqual(tooLarge('books', 'the rows of "authors"'));
    // Their titles only: the result is small.
    const titles = await outcome(t, (ctx) =>
      orm.db(ctx).select({ title: books.title }).from(books).innerJoin(authors, eq(books.authorId, authors._id)),
    );
    expect(titles).toMatchObject({ resolved: true });
  });

  it('30 groups sharing one 900 KiB member through usersToGroups, with: { members: true }: a typed error', async () => {
    const t = convexTest(appSchema, modules);
    await t.run(async (ctx) => {
      const userId = await ctx.db.insert('users', {
        name: filler(900 * 1024),
        email: 'a@x',
        role: 'member',
        verified: false,
      });
      for (let i = 0; i < 30; i++) {
        await ctx.db.insert('usersToGroups', { userId, groupId: await ctx.db.insert('groups', { name: `g${i}` }) });
      }
    });
    const result = await outcome(t, (ctx) => appOrm.db(ctx).query.groups.findMany({ with: { members: true } }));
    expect(result).toEqual(tooLarge('groups', 'the rows of relation "members" of "groups"'));
  });
});
