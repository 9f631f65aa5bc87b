import type { GenericId } from 'convex/values';
import { convexTable, createOrm, defineRelations, text, vector, vectorIndex } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const posts = convexTable('posts', { title: text().notNull(), embedding: vector(2).notNull() }, (t) => [
  vectorIndex('by_embedding').on(t.embedding),
]);
const orm = createOrm({ relations: defineRelations({ posts }) });
declare const ctx: Parameters<typeof orm.vectorSearch>[0];

describe('vectorSearch types', () => {
  it("returns the table's ids with scores", async () => {
    const results = await orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0] });
    expectTypeOf(results).toEqualTypeOf<{ _id: GenericId<'posts'>; _score: number }[]>();
  });

  it('takes a table of the schema and a numeric vector', () => {
    // @ts-expect-error no such table
    orm.vectorSearch(ctx, 'nope', { index: 'by_embedding', vector: [1, 0] });
    // @ts-expect-error the vector is numbers
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: ['a'] });
  });
});
