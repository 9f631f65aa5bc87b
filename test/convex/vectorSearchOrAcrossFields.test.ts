// Convex's vector filter is an OR of equalities, and the OR may span different filter fields of the
// index (docs.convex.dev/vector-search "Filter expressions": `q.or(q.eq("cuisine", "French"),
// q.eq("mainIngredient", "butter"))`). `filter: { OR: [{ owner: 'me' }, { tag: 'pinned' }] }` sends
// that one `q.or` (keys side by side stay refused: a where reads them as an AND, which a vector
// filter cannot say); every value counts against Convex's 64, a value given twice once, and an OR of
// no value matches nothing.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, text, vector, vectorIndex } from '../../src/index';

const posts = convexTable(
  'posts',
  { title: text().notNull(), owner: text().notNull(), tag: text().notNull(), embedding: vector(2).notNull() },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.owner, t.tag)],
);
const tables = { posts };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

describe('vectorSearch filter: an OR across filter fields, as Convex allows', () => {
  it('finds the rows matching either field in one search', async () => {
    const t = convexTest(schema, modules);
    const ids = await t.run(async (ctx) => ({
      mine: await ctx.db.insert('posts', { title: 'mine', owner: 'me', tag: 'plain', embedding: [1, 0] }),
      pinned: await ctx.db.insert('posts', { title: 'pinned', owner: 'other', tag: 'pinned', embedding: [1, 0.5] }),
      neither: await ctx.db.insert('posts', { title: 'neither', owner: 'other', tag: 'plain', embedding: [1, 0.1] }),
    }));
    // What Convex itself answers for this filter (convex-test runs the same q.or).
    // (convex-test's ctx is not typed by this schema: the raw call is untyped.)
    const native: { _id: string }[] = await t.action((ctx) =>
      (ctx.vectorSearch as (...args: unknown[]) => Promise<{ _id: string }[]>)('posts', 'by_embedding', {
        vector: [1, 0],
        filter: (q: { or(...e: unknown[]): unknown; eq(f: string, v: string): unknown }) =>
          q.or(q.eq('owner', 'me'), q.eq('tag', 'pinned')),
      }),
    );
    expect(native.map((result) => result._id)).toEqual([ids.mine, ids.pinned]);

    const viaOrm = await t.action((ctx) =>
      orm
        .vectorSearch(ctx, 'posts', {
          index: 'by_embedding',
          vector: [1, 0],
          filter: { OR: [{ owner: 'me' }, { tag: 'pinned' }] },
        })
        .then(
          (found) => found.map((result) => result._id),
          (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
        ),
    );
    expect(viaOrm).toEqual([ids.mine, ids.pinned]);
  });

  it('counts every value against the 64, a value given twice once; an OR of no value searches nothing', async () => {
    const t = convexTest(schema, modules);
    await t.run((ctx) => ctx.db.insert('posts', { title: 'a', owner: 'me', tag: 't', embedding: [1, 0] }));
    const outcome = (filter: unknown) =>
      t.action((ctx) =>
        orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: filter as never }).then(
          (found) => found.length,
          (error: Error & { code?: string }) => `${error.code}: ${error.message}`,
        ),
      );
    const owners = Array.from({ length: 40 }, (_, i) => `o${i}`);
    const tags = Array.from({ length: 25 }, (_, i) => `t${i}`);
    expect(await outcome({ OR: [{ owner: owners }, { tag: tags }] })).toBe(
      'INVALID_QUERY: vectorSearch on "posts": filter takes at most 64 values; got 65.',
    );
    // The same owner twice, in two items: 64 distinct values.
    expect(await outcome({ OR: [{ owner: owners }, { tag: tags.slice(0, 24) }, { owner: 'o0' }] })).toBe(0);
    expect(await outcome({ OR: [{ owner: 'me' }, { owner: 'me' }] })).toBe(1);
    expect(await outcome({ OR: [] })).toBe(0);
    expect(await outcome({ OR: [{ owner: [] }] })).toBe(0);
    expect(await outcome({ OR: [{ owner: 'me', tag: 't' }] })).toMatch(
      /^INVALID_QUERY: vectorSearch on "posts": filter takes one filter field, .*or an OR of such filters/,
    );
    expect(await outcome({ OR: [{ title: 'a' }] })).toBe(
      'INVALID_QUERY: vectorSearch on "posts": "title" is no filter field of index "by_embedding" (owner, tag).',
    );
    // OR beside a field is no OR filter: "OR" is read as a field.
    expect(await outcome({ OR: [{ owner: 'me' }], tag: 't' })).toMatch(
      /^INVALID_QUERY: .*filter takes one filter field/,
    );
  });
});
