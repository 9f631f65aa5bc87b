import { arrayOf, convexTable, createOrm, defineRelations, text, vector, vectorIndex } from 'convex-orm';
import { describe, it } from 'vitest';

// The vectorSearch filter types let through what src/vector/vectorSearch.ts refuses at run time.
// Two filter fields type-checked (VectorFilter was a union of one-key objects, and the excess-property
// check takes a key of any member) and ran INVALID_QUERY ("filter takes one filter field"). On an
// arrayOf() column a bare array type-checked as one value, while the run reads an array as the list
// of values ({ tags: ['a'] }: the value 'a', INVALID_FILTER); an array value is written in a list.
const posts = convexTable(
  'posts',
  { status: text().notNull(), kind: text().notNull(), tags: arrayOf(text()).notNull(), embedding: vector(2).notNull() },
  (t) => [vectorIndex('by_embedding').on(t.embedding).filter(t.status, t.kind, t.tags)],
);
const orm = createOrm({ relations: defineRelations({ posts }) });
declare const ctx: Parameters<typeof orm.vectorSearch>[0];

describe('vectorSearch filter types match what runs', () => {
  it('two filter fields are a type error (the run refuses them: "filter takes one filter field")', () => {
    // @ts-expect-error one filter field only
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status: 'a', kind: 'b' } });
  });

  it("an array column's value written as a bare array is a type error (the run reads it as a list of values)", () => {
    // The list form: one value, an array. It type-checks and runs.
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { tags: [['a']] } });
    // @ts-expect-error ['a'] is read as the list of values 'a', which a text[] column cannot hold (INVALID_FILTER)
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { tags: ['a'] } });
  });

  it('an OR of one-field filters across filter fields type-checks; its items are typed as one-field filters', () => {
    orm.vectorSearch(ctx, 'posts', {
      index: 'by_embedding',
      vector: [1, 0],
      filter: { OR: [{ status: 'a' }, { kind: ['b', 'c'] }, { tags: [['x']] }] },
    });
    orm.vectorSearch(ctx, 'posts', {
      index: 'by_embedding',
      vector: [1, 0],
      // @ts-expect-error an OR item names one filter field
      filter: { OR: [{ status: 'a', kind: 'b' }] },
    });
    orm.vectorSearch(ctx, 'posts', {
      index: 'by_embedding',
      vector: [1, 0],
      // @ts-expect-error embedding is no filter field of the index
      filter: { OR: [{ embedding: [[1, 0]] }] },
    });
    // @ts-expect-error status holds text
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { OR: [{ status: 1 }] } });
  });

  it("on an index with a filter field named OR, { OR: [...] } is that field's values, not an OR of filters", () => {
    const odd = convexTable('odd', { OR: text(), tag: text(), embedding: vector(2).notNull() }, (t) => [
      vectorIndex('by_embedding').on(t.embedding).filter(t.OR, t.tag),
    ]);
    const oddOrm = createOrm({ relations: defineRelations({ odd }) });
    oddOrm.vectorSearch(ctx, 'odd', { index: 'by_embedding', vector: [1, 0], filter: { OR: ['a', 'b'] } });
    // @ts-expect-error the run reads it as values of the field OR, which holds text
    oddOrm.vectorSearch(ctx, 'odd', { index: 'by_embedding', vector: [1, 0], filter: { OR: [{ tag: 'a' }] } });
  });
});
