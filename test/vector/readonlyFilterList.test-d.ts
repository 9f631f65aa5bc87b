// A vector filter takes a readonly list of values (`['draft', 'published'] as const`, a
// `readonly string[]`), as `where: { status: { in: ... } }` does and as the run reads it.
import { convexTable, createOrm, defineRelations, text, vector, vectorIndex } from 'convex-orm';
import { describe, it } from 'vitest';

const posts = convexTable('posts', { status: text().notNull(), embedding: vector(2).notNull() }, (t) => [
  vectorIndex('by_embedding').on(t.embedding).filter(t.status),
]);
const orm = createOrm({ relations: defineRelations({ posts }) });
declare const ctx: Parameters<typeof orm.vectorSearch>[0];
declare const db: ReturnType<typeof orm.db>;
const STATUSES = ['draft', 'published'] as const;
declare const given: readonly string[];

describe('vectorSearch filter: a readonly list of values', () => {
  it('is accepted, as where in accepts it', () => {
    db.query.posts.findMany({ where: { status: { in: STATUSES } } });
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status: STATUSES } });
    orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status: given } });
  });
});
