import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './searchFixture';

// A vector filter value the column cannot hold matched nothing, without a word ({ status: 5 } on
// a text column: no results). It is checked as a where value is: INVALID_FILTER naming the
// column, before the search, with the message findMany gives for the same value.
describe("vectorSearch filter values are checked against the column's type", () => {
  it('a value or a listed value of another type is INVALID_FILTER naming the column, as in where', async () => {
    const t = convexTest(schema, modules);
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: Error & { code?: string; details?: unknown }) => ({
          code: error.code,
          message: error.message,
          details: error.details,
        }),
      );
    const where = await t.run((ctx) => reason(orm.db(ctx).query.posts.findMany({ where: { status: 5 as never } })));
    const out = await t.action(async (ctx) => {
      let searches = 0;
      const counted = {
        vectorSearch: (...args: Parameters<typeof ctx.vectorSearch>) => {
          searches++;
          return ctx.vectorSearch(...args);
        },
      };
      const search = (status: unknown) =>
        reason(
          orm.vectorSearch(counted, 'posts', { index: 'by_embedding', vector: [1, 0], filter: { status } as never }),
        );
      return { one: await search(5), listed: await search(['published', 5]), searches };
    });
    expect(where).toMatchObject({ code: 'INVALID_FILTER', details: { field: 'status' } });
    expect(out.one).toEqual(where);
    expect(out.listed).toEqual(where);
    expect(out.searches).toBe(0);
  });
});
