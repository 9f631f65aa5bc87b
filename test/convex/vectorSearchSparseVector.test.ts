import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './searchFixture';

// orm.vectorSearch refuses a vector with holes (a sparse array of the right length: an embedding
// filled by index, one slot missed) with INVALID_QUERY ('"vector" must be 2 finite numbers') before
// any search, as it refuses a NaN: Convex's action runtime would send the hole as null and fail with
// its own error, and convex-test would score it as a number.

const settle = async (run: () => Promise<unknown>) => {
  try {
    return { ok: await run() };
  } catch (error) {
    return { name: (error as Error).name, code: (error as { code?: string }).code };
  }
};

function sparse(): number[] {
  const vector = new Array<number>(2);
  vector[1] = 1;
  return vector;
}

describe('orm.vectorSearch: a vector with holes', () => {
  it('is INVALID_QUERY before the search, as a vector with a NaN is', async () => {
    let searched = false;
    const ctx = {
      vectorSearch: async () => {
        searched = true;
        return [];
      },
    };
    const nan = await settle(() => orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: [Number.NaN, 1] }));
    expect(nan).toEqual({ name: 'OrmError', code: 'INVALID_QUERY' });
    const holes = await settle(() => orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: sparse() }));
    // Actual: { ok: [] } and searched === true: the sparse vector went to ctx.vectorSearch.
    expect({ holes, searched }).toEqual({ holes: { name: 'OrmError', code: 'INVALID_QUERY' }, searched: false });
  });

  it('in an action on convex-test, it is refused rather than searched', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada' });
      await ctx.db.insert('posts', { title: 'east', status: 'published', authorId: ada, embedding: [1, 0] });
    });
    const out = await t.action((ctx) =>
      settle(() => orm.vectorSearch(ctx, 'posts', { index: 'by_embedding', vector: sparse() })),
    );
    // Actual: { ok: [{ _id, _score }] }.
    expect(out).toEqual({ name: 'OrmError', code: 'INVALID_QUERY' });
  });
});
