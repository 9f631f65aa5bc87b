import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, vector, vectorIndex } from '../../src/index';
import { orm as postsOrm, schema as postsSchema } from './searchFixture';

// orm.vectorSearch: a ctx without vectorSearch (a query's or mutation's, none) was a raw TypeError,
// and an unknown option (a typo of limit) was silently ignored; both are INVALID_QUERY now, as
// search: { index, query, x } is. A null filter value found only the rows storing an explicit null,
// not those without the field, which the ORM reads as null: it now filters both (Convex's
// eq(field, undefined) matches a missing field), the added value counted against Convex's 64.

const settle = async (run: () => Promise<unknown>) => {
  try {
    return { ok: await run() };
  } catch (error) {
    return { name: (error as Error).name, code: (error as { code?: string }).code };
  }
};

describe('orm.vectorSearch: the ctx and the options are checked', () => {
  it('a query ctx (vector search runs in actions only) rejects with a typed OrmError, not a TypeError', async () => {
    const t = convexTest(postsSchema, modules);
    const out = await t.run((ctx) =>
      settle(() => postsOrm.vectorSearch(ctx as never, 'posts', { index: 'by_embedding', vector: [1, 0] })),
    );
    // Actual: { name: 'TypeError' } ("ctx.vectorSearch is not a function").
    expect(out).toEqual({ name: 'OrmError', code: 'INVALID_QUERY' });
  });

  it('a missing ctx rejects with a typed OrmError, not a TypeError', async () => {
    const out = await settle(() =>
      postsOrm.vectorSearch(undefined as never, 'posts', { index: 'by_embedding', vector: [1, 0] }),
    );
    expect(out).toEqual({ name: 'OrmError', code: 'INVALID_QUERY' });
  });

  it('an unknown option (a typo of limit) is INVALID_QUERY, as search: { index, query, x } is, not ignored', async () => {
    const t = convexTest(postsSchema, modules);
    await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada' });
      for (let i = 0; i < 12; i++) {
        await ctx.db.insert('posts', { title: `p${i}`, status: 'published', authorId: ada, embedding: [1, i / 10] });
      }
    });
    const out = await t.action((ctx) =>
      settle(() =>
        postsOrm
          .vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], limt: 3 } as never)
          .then((found) => found.length),
      ),
    );
    // Actual: { ok: 10 }: the default limit, the typo silently dropped.
    expect(out).toEqual({ name: 'OrmError', code: 'INVALID_QUERY' });
  });
});

const docs = convexTable('docs', { name: text().notNull(), tag: text(), embedding: vector(2) }, (t) => [
  vectorIndex('by_embedding').on(t.embedding).filter(t.tag),
]);
const docsTables = { docs };
const docsSchema = defineSchema(docsTables);
const docsOrm = createOrm({ relations: defineRelations(docsTables, () => ({})) });

describe('orm.vectorSearch: a null filter value', () => {
  it('matches every row whose column reads as null: explicit nulls and rows without the field', async () => {
    const t = convexTest(docsSchema, modules);
    const ids = await t.run(async (ctx) => {
      // Written through the ORM (tag stored as null), and a row without the field (written before
      // the column was added, or by raw ctx.db code): the ORM reads both as tag null.
      await docsOrm
        .db(ctx)
        .insert(docs)
        .values({ name: 'orm', embedding: [1, 0] });
      await ctx.db.insert('docs', { name: 'older', embedding: [1, 0] });
      return (await ctx.db.query('docs').collect()).map((doc) => doc._id);
    });
    const nullRows = await t.run(async (ctx) =>
      (await docsOrm.db(ctx).query.docs.findMany({ where: { tag: { isNull: true } } })).map((row) => row._id),
    );
    expect(nullRows.sort()).toEqual([...ids].sort());
    const out = await t.action((ctx) =>
      settle(() =>
        docsOrm
          .vectorSearch(ctx, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { tag: null } })
          .then((found) => found.map((result) => result._id as string).sort()),
      ),
    );
    // Was { ok: [the ORM-written row] }: Convex's eq(tag, null) skips the row without the field.
    expect(out).toEqual({ ok: [...ids].sort() });
  });

  it("null counts twice against Convex's 64 filter values (null, and the missing field)", async () => {
    const t = convexTest(docsSchema, modules);
    const tags = (count: number) => Array.from({ length: count }, (_, i) => `t${i}`);
    const message = (tag: (string | null)[]) =>
      t.action((ctx) =>
        docsOrm.vectorSearch(ctx, 'docs', { index: 'by_embedding', vector: [1, 0], filter: { tag } }).then(
          (found) => found.length,
          (error: Error) => error.message,
        ),
      );
    expect(await message([...tags(62), null])).toBe(0);
    expect(await message([...tags(63), null])).toBe(
      'vectorSearch on "docs": filter takes at most 64 values; got 65 (null matches the rows without "tag" as well).',
    );
  });
});
