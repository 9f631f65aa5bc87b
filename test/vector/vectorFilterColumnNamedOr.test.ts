// A column named `OR` may be a filter field of a vector index; its documented one-field form
// `filter: { OR: ['a', 'b'] }` searches OR = 'a' or OR = 'b' (what its type says: on such an index
// `{ OR: [...] }` is that field's values, not an OR of filters).
import { describe, expect, it } from 'vitest';
import { convexTable, createOrm, defineRelations, text, vector, vectorIndex } from '../../src/index';

const posts = convexTable('posts', { OR: text(), tag: text(), embedding: vector(2).notNull() }, (t) => [
  vectorIndex('by_embedding').on(t.embedding).filter(t.OR, t.tag),
]);
const orm = createOrm({ relations: defineRelations({ posts }) });

/** An action ctx whose vectorSearch records the equalities of the filter Convex would get. */
function recordingCtx() {
  const eqs: string[] = [];
  const ctx = {
    vectorSearch: async (_table: string, _index: string, query: { filter?: (q: unknown) => unknown }) => {
      query.filter?.({
        or: (...expressions: unknown[]) => expressions,
        eq: (field: string, value: unknown) => eqs.push(`${field}=${String(value)}`),
      });
      return [];
    },
  };
  return { ctx, eqs };
}

describe('vectorSearch filter on a filter field named OR', () => {
  it('a list of values of the field, as typed, is searched', async () => {
    const { ctx, eqs } = recordingCtx();
    // Type-checks: `{ OR: ['a', 'b'] }` is the one-field form of field "OR".
    await expect(
      orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { OR: ['a', 'b'] } }),
    ).resolves.toEqual([]);
    expect(eqs).toEqual(['OR=a', 'OR=b']);
  });
});
