/**
 * orm.vectorSearch takes a readonly vector (an embedding kept in a `readonly` field, or options
 * written `as const`), as its filter takes readonly lists: the run only reads it. It was typed
 * `number[]` (TS4104).
 */
import { convexTable, createOrm, defineRelations, text, vector, vectorIndex } from 'convex-orm';
import { describe, it } from 'vitest';

const posts = convexTable('posts', { status: text().notNull(), embedding: vector(2).notNull() }, (t) => [
  vectorIndex('by_embedding').on(t.embedding).filter(t.status),
]);
const orm = createOrm({ relations: defineRelations({ posts }) });
declare const ctx: Parameters<typeof orm.vectorSearch>[0];

describe('orm.vectorSearch with a readonly vector', () => {
  it('takes a readonly number[] as the vector', () => {
    const embedding: readonly number[] = [1, 0];
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: embedding });
  });

  it('takes options written as const (the filter list already may be readonly)', () => {
    const options = { index: 'by_embedding', vector: [1, 0], filter: { status: ['a', 'b'] } } as const;
    orm.vectorSearch(ctx, 'posts', options);
  });
});
