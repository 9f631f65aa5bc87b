// An `undefined` value in an item of a vector filter's OR (an optional argument passed through) is
// INVALID_FILTER advising to leave the item out of the OR, not `filter` (which would drop the
// other items and search every row).
import { describe, expect, it } from 'vitest';
import { convexTable, createOrm, defineRelations, text, vector, vectorIndex } from '../../src/index';

const posts = convexTable('posts', { owner: text(), tag: text(), embedding: vector(2).notNull() }, (t) => [
  vectorIndex('by_embedding').on(t.embedding).filter(t.owner, t.tag),
]);
const orm = createOrm({ relations: defineRelations({ posts }) });
const ctx = { vectorSearch: async () => [] };

describe('vectorSearch: an OR item whose value is undefined', () => {
  it('is refused with advice about the item, not about leaving the whole filter out', async () => {
    const error = await orm
      .vectorSearch(ctx, 'posts', {
        index: 'by_embedding',
        vector: [1, 0],
        filter: { OR: [{ tag: undefined as unknown as string }, { owner: 'me' }] },
      })
      .then(
        () => null,
        (e: Error & { code?: string }) => e,
      );
    expect(error?.code).toBe('INVALID_FILTER');
    expect(error?.message).not.toContain('leave `filter` out');
  });
});
