import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { sql } from '../../src/index';
import { orm, schema } from './pagesFixture';

// explain() describes what runs. A page whose read cannot be paged (a get by _id, an order no
// index gives) was refused when it ran (INVALID_QUERY, "needs an index that gives the order"), yet
// its explain() described a page that runs, even as Convex's own `.paginate()` "pinned by Convex
// across re-runs"; a prepared page's explain(paginationOpts, values) too. explain() now refuses it
// with the run's error, as it already did a bad numItems or plain cursors under rules.
type Outcome = { explain: unknown; run: unknown };

async function both(config: object): Promise<Outcome> {
  const t = convexTest(schema, modules);
  return t.run(async (ctx) => {
    const id = await ctx.db.insert('items', { status: 'a', rank: 1, flag: true });
    const resolved = JSON.parse(JSON.stringify(config).replace('"$id"', JSON.stringify(id)));
    const query = orm.db(ctx).query.items.paginate({ numItems: 2, cursor: null }, resolved);
    const settle = async (f: () => unknown) => {
      try {
        return { ok: await f() };
      } catch (error) {
        return { code: (error as { code?: string }).code };
      }
    };
    return { explain: await settle(() => query.explain()), run: await settle(() => query) };
  });
}

describe('explain() of a page the run refuses', () => {
  it('an order no index gives: the run is INVALID_QUERY, explain() says it is a Convex .paginate() page', async () => {
    const out = await both({ orderBy: { flag: 'asc' } });
    expect(out.run).toEqual({ code: 'INVALID_QUERY' });
    expect(out.explain).toEqual({ code: 'INVALID_QUERY' });
  });

  it('a get by _id: the run is INVALID_QUERY, explain() describes a get read', async () => {
    const out = await both({ where: { _id: '$id' } });
    expect(out.run).toEqual({ code: 'INVALID_QUERY' });
    expect(out.explain).toEqual({ code: 'INVALID_QUERY' });
  });
});

describe('explain(paginationOpts, values) of a prepared page the run refuses', () => {
  it('an order no index gives: execute() is INVALID_QUERY, explain() describes a Convex .paginate() page', async () => {
    const prepared = orm.query.items
      .paginate({ where: { status: sql.placeholder('status') }, orderBy: { flag: 'asc' } })
      .prepare('byFlag');
    const t = convexTest(schema, modules);
    const run = await t.run(async (ctx) => {
      try {
        await prepared.execute(ctx, { numItems: 2, cursor: null }, { status: 'a' });
        return 'ran';
      } catch (error) {
        return (error as { code?: string }).code;
      }
    });
    expect(run).toBe('INVALID_QUERY');
    let explained: unknown;
    try {
      explained = prepared.explain({ numItems: 2, cursor: null }, { status: 'a' });
    } catch (error) {
      explained = (error as { code?: string }).code;
    }
    expect(explained).toBe('INVALID_QUERY');
  });
});
