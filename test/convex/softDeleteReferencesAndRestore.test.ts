// Documented soft-delete claims:
// docs/mutations.md "Soft and scheduled delete":
//  - "unique constraints and foreign keys see soft-deleted rows as the rows they are: a soft-deleted
//    row keeps its unique values (restore it, or `hard()` delete it, to reuse them) and can still be
//    referenced" -> inserting a child of a soft-deleted parent succeeds; the slug stays taken until the
//    row is hard-deleted.
//  - "Cascades become soft ... soft-deleted with the same time"; restoring the parent restores "that
//    row only. Rows its delete soft-deleted by cascade stay deleted ... restore them with their own
//    update (their deletion time equals the parent's, which finds them)" -> across three levels, a
//    grandchild deleted earlier keeps its own time and is not restored by the time-matched restore.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';

const authors = convexTable('authors', { slug: text().notNull().unique(), deletedAt: timestamp() }, (t) => [
  index('by_deleted').on(t.deletedAt),
  deletion('soft', { column: t.deletedAt }),
]);
const books = convexTable(
  'books',
  {
    authorId: id('authors')
      .notNull()
      .references(() => authors._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_author').on(t.authorId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const chapters = convexTable(
  'chapters',
  {
    bookId: id('books')
      .notNull()
      .references(() => books._id, { onDelete: 'cascade' }),
    n: integer().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_book').on(t.bookId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { authors, books, chapters };
const relations = defineRelations(tables, (r) => ({
  authors: { books: r.many.books({ from: r.authors._id, to: r.books.authorId }) },
  books: { chapters: r.many.chapters({ from: r.books._id, to: r.chapters.bookId }) },
}));
const orm = createOrm({ relations });
const code = (p: PromiseLike<unknown>) =>
  Promise.resolve(p).then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

it('a soft-deleted row can still be referenced and keeps its unique value until hard-deleted', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [a] = await db.insert(authors).values({ slug: 'a' }).returning();
    await db.delete(authors).where(eq(authors._id, a!._id));
    const child = await code(db.insert(books).values({ authorId: a!._id, title: 'late' }));
    const sameSlug = await code(db.insert(authors).values({ slug: 'a' }));
    await db.delete(authors).hard().where(eq(authors._id, a!._id));
    const afterHard = await code(db.insert(authors).values({ slug: 'a' }));
    return { child, sameSlug, afterHard, booksLeft: (await ctx.db.query('books').collect()).length };
  });
  // The child insert passes the foreign key; the hard delete cascades to it.
  expect(out).toEqual({ child: 'ok', sameSlug: 'UNIQUE_VIOLATION', afterHard: 'ok', booksLeft: 0 });
});

it('three-level soft cascade: same time below, earlier deletions keep theirs, parent restore leaves children deleted', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const [a] = await db.insert(authors).values({ slug: 'a' }).returning();
    const [b] = await db.insert(books).values({ authorId: a!._id, title: 'b' }).returning();
    const ch = await db
      .insert(chapters)
      .values([
        { bookId: b!._id, n: 1 },
        { bookId: b!._id, n: 2, deletedAt: 5 },
      ])
      .returning();
    await db.delete(authors).where(eq(authors._id, a!._id));
    const time = (await ctx.db.get(a!._id))!.deletedAt;
    const stored = {
      book: (await ctx.db.get(b!._id))!.deletedAt === time,
      ch1: (await ctx.db.get(ch[0]!._id))!.deletedAt === time,
      ch2: (await ctx.db.get(ch[1]!._id))!.deletedAt,
    };
    await db.update(authors).set({ deletedAt: null }).where(eq(authors._id, a!._id));
    const afterParentRestore = await db.query.authors.findMany({
      columns: { slug: true },
      with: { books: { columns: { title: true } } },
    });
    await db.update(books).set({ deletedAt: null }).where(eq(books.deletedAt, time!));
    await db.update(chapters).set({ deletedAt: null }).where(eq(chapters.deletedAt, time!));
    const afterAll = await db.query.authors.findMany({
      columns: { slug: true },
      with: { books: { columns: { title: true }, with: { chapters: { columns: { n: true } } } } },
    });
    return { stored, afterParentRestore, afterAll };
  });
  expect(out.stored).toEqual({ book: true, ch1: true, ch2: 5 });
  expect(out.afterParentRestore).toEqual([{ slug: 'a', books: [] }]);
  expect(out.afterAll).toEqual([{ slug: 'a', books: [{ title: 'b', chapters: [{ n: 1 }] }] }]);
});
