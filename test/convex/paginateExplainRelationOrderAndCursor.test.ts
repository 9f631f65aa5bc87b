import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRelations } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// explain() of a page refuses what the run refuses, with the same error: one check for both
// (checkPage, src/query/pageChecks.ts). Two refusals of the run were not in explain(): a page
// ordered through a relation ("cannot order by relations") and a cursor that does not decode: its
// explain() described a page that never runs. A sealed cursor cannot be opened by explain() (that
// is async): explain() refuses one that has not a sealed cursor's form, as the run does first.
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const orm = createOrm({ relations });
const sealing = createOrm({ relations, cursorSecret: CURSOR_SECRET });
type AnyOrm = typeof orm;

const settle = async (f: () => unknown) => {
  try {
    await f();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

/** What the page's explain() and its run come to, unprepared and prepared. */
async function both(options: object, config: object, of: AnyOrm = orm) {
  const t = convexTest(schema, modules);
  return t.run(async (ctx) => {
    const query = (of.db(ctx, { rules: false }).query.posts as any).paginate(options, config);
    const prepared = (of.query.posts as any).paginate(config).prepare();
    return {
      explain: await settle(() => query.explain()),
      run: await settle(() => query),
      preparedExplain: await settle(() => prepared.explain(options)),
      preparedRun: await settle(() => prepared.execute(ctx, options)),
    };
  });
}

const refused = {
  run: 'INVALID_QUERY',
  explain: 'INVALID_QUERY',
  preparedRun: 'INVALID_QUERY',
  preparedExplain: 'INVALID_QUERY',
};

describe('explain() of a page the run refuses', () => {
  it('a page ordered through a relation', async () => {
    expect(await both({ numItems: 2, cursor: null }, { orderBy: { author: { name: 'asc' } } })).toEqual(refused);
  });

  it('a cursor that is not one', async () => {
    expect(await both({ numItems: 2, cursor: 'not a cursor' }, {})).toEqual(refused);
  });

  it('an endCursor that is not one', async () => {
    expect(await both({ numItems: 2, cursor: null, endCursor: '["x",null]' }, {})).toEqual(refused);
  });

  it("sealed cursors: one that has not a sealed cursor's form", async () => {
    expect(await both({ numItems: 2, cursor: 'not a cursor' }, {}, sealing)).toEqual(refused);
  });

  it('sealed cursors: a cursor a page returned is explained, as it runs', async () => {
    const t = convexTest(schema, modules);
    const out = await t.run(async (ctx) => {
      const db = sealing.db(ctx);
      const { continueCursor } = await db.query.posts.paginate({ numItems: 1, cursor: null });
      const query = db.query.posts.paginate({ numItems: 1, cursor: continueCursor });
      return { explain: await settle(() => query.explain()), run: await settle(() => query) };
    });
    expect(out).toEqual({ explain: 'ok', run: 'ok' });
  });
});
