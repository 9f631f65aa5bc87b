// An `undefined` vector filter value (an optional argument passed through) is refused, as in a
// where, but with vectorSearch's own advice: a where skips a field given EmptyFilter, and Drizzle's
// message says so, but a vector filter (Convex's q.eq / q.or) has no skipped field, and
// `filter: { status: EmptyFilter }` is refused too. The advice given must work: leave `filter` out,
// or, for an item of a list, leave the item out of the list.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { EmptyFilter } from '../../src/index';
import { orm, schema } from './searchFixture';

describe('vectorSearch: an undefined filter value', () => {
  it('is refused with advice that works: leaving the filter out searches every row', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada' });
      await ctx.db.insert('posts', { title: 'a', status: 'published', authorId: ada, embedding: [1, 0] });
      await ctx.db.insert('posts', { title: 'b', status: 'draft', authorId: ada, embedding: [0, 1] });
    });
    const search = (filter?: unknown) =>
      t.action((ctx) =>
        orm
          .vectorSearch(ctx, 'posts', {
            index: 'by_embedding',
            vector: [1, 0],
            ...(filter === undefined ? {} : { filter: filter as never }),
          })
          .then(
            (found) => ({ found: found.length }),
            (error) => ({ code: error.code as string, message: error.message as string }),
          ),
      );
    expect(await search({ status: undefined })).toEqual({
      code: 'INVALID_FILTER',
      message:
        'vectorSearch on "posts": the filter value of "status" is undefined; it never widens the search: leave `filter` out to search without one.',
    });
    // In a list, the item is what to leave out: leaving `filter` out would find the published row too.
    expect(await search({ status: ['draft', undefined] })).toEqual({
      code: 'INVALID_FILTER',
      message:
        'vectorSearch on "posts": item 1 of the filter list of "status" is undefined; it never widens the search: leave it out of the list.',
    });
    expect(await search({ status: ['draft'] })).toEqual({ found: 1 });
    expect(await search({ status: EmptyFilter })).toMatchObject({ code: 'INVALID_FILTER' });
    expect(await search()).toEqual({ found: 2 });
  });
});
