// Convex allows one `.paginate()` per function. In a query, whose ORM reads are not queued one
// after another as a mutation's statements are, two one-range pages started together
// (`Promise.all`) claim it as the first decides to use it, before any await: the second finds it
// taken and reads by index key, where both called `.paginate()` and Convex failed the function
// ("Only a single paginated query ... per function execution"), an untyped error.
import { queryGeneric } from 'convex/server';
import { describe, expect, it } from 'vitest';
import { orm, schema } from './pagesFixture';
import { callQuery, withQueries } from './returnsHarness';

const a = { where: { status: 'a' }, orderBy: { rank: 'asc' } } as const;
const b = { where: { status: 'b' }, orderBy: { rank: 'asc' } } as const;
const first = { numItems: 2, cursor: null };

function backend() {
  const t = withQueries(schema, {
    together: queryGeneric({
      args: {},
      handler: async (ctx) => {
        const db = orm.db(ctx);
        const pages = await Promise.all([db.query.items.paginate(first, a), db.query.items.paginate(first, b)]);
        return pages.map((page) => page.page.map((row) => row.rank));
      },
    }),
    inTurn: queryGeneric({
      args: {},
      handler: async (ctx) => {
        const db = orm.db(ctx);
        const one = await db.query.items.paginate(first, a);
        const two = await db.query.items.paginate(first, b);
        return [one, two].map((page) => page.page.map((row) => row.rank));
      },
    }),
  });
  return t;
}

describe('two one-range pages started together in one query', () => {
  it('awaited in turn: the second page is read by index key (control)', async () => {
    const t = backend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 8; i++) await ctx.db.insert('items', { status: i % 2 ? 'a' : 'b', rank: i, flag: false });
    });
    expect(await callQuery(t, 'inTurn')).toEqual([
      [1, 3],
      [0, 2],
    ]);
  });

  it('with Promise.all: both pages are served, only one of them by Convex .paginate()', async () => {
    const t = backend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 8; i++) await ctx.db.insert('items', { status: i % 2 ? 'a' : 'b', rank: i, flag: false });
    });
    await expect(callQuery(t, 'together')).resolves.toEqual([
      [1, 3],
      [0, 2],
    ]);
  });
});
