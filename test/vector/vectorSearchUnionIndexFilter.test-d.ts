// `orm.vectorSearch`'s options are distributed over the index: an index chosen at run time
// (`'by_embedding' | 'by_other'`) takes only a filter every index it may be takes, as the run refuses
// a field that is no filter field of the index passed (INVALID_QUERY); without a filter a union
// index is fine.
import { convexTable, createOrm, defineRelations, integer, text, vector, vectorIndex } from 'convex-orm';
import { describe, it } from 'vitest';

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
declare const index: 'by_embedding' | 'by_other';

describe('vectorSearch filter typed against a union of indexes', () => {
  it('a filter field of one index is refused when the index may be the other', () => {
    // Control: each index on its own is typed right (existing behaviour).
    // @ts-expect-error status is no filter field of by_other
    orm.vectorSearch(ctx, 'posts', { index: 'by_other', vector: [1, 0], filter: { status: 'a' } });

    // The bug: by_other refuses { status } at run time (INVALID_QUERY), yet this type-checks.
    // @ts-expect-error status is no filter field of by_other, which `index` may be
    orm.vectorSearch(ctx, 'posts', { index, vector: [1, 0], filter: { status: 'a' } });
    // @ts-expect-error n is no filter field of by_embedding, which `index` may be
    orm.vectorSearch(ctx, 'posts', { index, vector: [1, 0], filter: { n: 1 } });
  });

  it('without a filter a union index is fine', () => {
    orm.vectorSearch(ctx, 'posts', { index, vector: [1, 0], limit: 5 });
  });
});
