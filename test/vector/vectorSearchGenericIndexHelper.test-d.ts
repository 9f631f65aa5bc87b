// A helper generic over the index (the usual way to wrap `orm.vectorSearch` for several indexes of
// one table) passing `{ index, vector }` or `{ index, vector, limit }` type-checks: the options are
// an interface whose filter takes the fields every index of the union has, so nothing about them
// stays deferred where no filter is given.
import { convexTable, createOrm, defineRelations, integer, text, vector, vectorIndex } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const posts = convexTable(
  'posts',
  { title: text().notNull(), status: text().notNull(), n: integer(), embedding: vector(2).notNull(), other: vector(2) },
  (t) => [
    vectorIndex('by_embedding').on(t.embedding).filter(t.status),
    vectorIndex('by_other').on(t.other).filter(t.n),
  ],
);
const orm = createOrm({ relations: defineRelations({ posts }) });
declare const ctx: Parameters<typeof orm.vectorSearch>[0];
type PostIndex = 'by_embedding' | 'by_other';

describe('vectorSearch wrapped in a helper generic over the index', () => {
  it('takes { index, vector } and { index, vector, limit } with a generic index', () => {
    function searchBy<I extends PostIndex>(index: I, embedding: number[]) {
      return orm.vectorSearch(ctx, 'posts', { index, vector: embedding });
    }
    function searchTop<I extends PostIndex>(index: I, embedding: number[], limit: number) {
      return orm.vectorSearch(ctx, 'posts', { index, vector: embedding, limit });
    }
    expectTypeOf(searchBy('by_other', [1, 0])).resolves.items.toHaveProperty('_score');
    expectTypeOf(searchTop('by_embedding', [1, 0], 3)).resolves.items.toHaveProperty('_score');
  });
});
