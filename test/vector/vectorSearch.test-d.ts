import type { GenericId } from 'convex/values';
import { convexTable, createOrm, defineRelations, text, vector, vectorIndex } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const posts = convexTable(
  'posts',
  { title: text().notNull(), status: text().notNull(), embedding: vector(2).notNull(), other: vector(2) },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.status), vectorIndex('by_other').on(t.other)],
);
const notes = convexTable('notes', { body: text().notNull() });
const orm = createOrm({ relations: defineRelations({ posts, notes }) });
declare const ctx: Parameters<typeof orm.vectorSearch>[0];

describe('vectorSearch types', () => {
  it('a vector index declares its name and filter fields on the table type', () => {
    expectTypeOf<(typeof posts)['_']['vectorIndexes']>().toEqualTypeOf<{ by_embedding: 'status'; by_other: never }>();
  });

  it("returns the table's ids with scores", async () => {
    const results = await orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0] });
    expectTypeOf(results).toEqualTypeOf<{ _id: GenericId<'posts'>; _score: number }[]>();
  });

  it('takes a filter field of the index with a value (or values) of its column', () => {
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status: 'published' } });
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status: ['a', 'b'] } });
    // @ts-expect-error title is no filter field of by_embedding
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { title: 'a' } });
    // @ts-expect-error status is a string column
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status: 1 } });
    // @ts-expect-error by_other has no filter fields
    orm.vectorSearch(ctx, 'posts', { index: 'by_other', vector: [1, 0], filter: { status: 'a' } });
  });

  it('takes a vector index of the table, a table of the schema and a numeric vector', () => {
    // @ts-expect-error no such vector index
    orm.vectorSearch(ctx, 'posts', { index: 'by_title', vector: [1, 0] });
    // @ts-expect-error notes has no vector index
    orm.vectorSearch(ctx, 'notes', { index: 'by_embedding', vector: [1, 0] });
    // @ts-expect-error no such table
    orm.vectorSearch(ctx, 'nope', { index: 'by_embedding', vector: [1, 0] });
    // @ts-expect-error the vector is numbers
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: ['a'] });
  });
});
