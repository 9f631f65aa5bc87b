// `orm.vectorSearch(ctx, table, { index, vector, filter: undefined })` (an optional argument passed
// through) is refused with INVALID_FILTER before searching, as `where: undefined` is and a filter
// value's undefined is (docs/queries.md, Vector search: "leave `filter` out to search every row"):
// it searched every row of the index, as if no filter had been asked for.
import { describe, expect, it } from 'vitest';
import { introPosts, orm } from './searchFixture';

describe('vectorSearch filter: undefined', () => {
  it('is refused, never read as no filter (as where: undefined and search: undefined are)', async () => {
    const t = await introPosts(0);
    await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada' });
      await ctx.db.insert('posts', { title: 'a', status: 'published', authorId: ada, embedding: [1, 0] });
      await ctx.db.insert('posts', { title: 'b', status: 'draft', authorId: ada, embedding: [0.9, 0.1] });
    });
    // The ORM's own rule for where: undefined, for comparison.
    const where = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.posts.findMany({ where: undefined })
        .then(
          () => 'ran',
          (error: { code?: string }) => error.code,
        ),
    );
    expect(where).toBe('INVALID_FILTER');
    const status: string | undefined = undefined; // an optional argument of the action
    const outcome = await t.action((ctx) =>
      orm
        .vectorSearch(ctx, 'posts', {
          index: 'by_embedding',
          vector: [1, 0],
          filter: status === undefined ? undefined : { status },
        })
        .then(
          (results) => `searched every row: ${results.length} results`,
          (error: { code?: string }) => error.code,
        ),
    );
    expect(outcome).toBe('INVALID_FILTER');
  });
});
