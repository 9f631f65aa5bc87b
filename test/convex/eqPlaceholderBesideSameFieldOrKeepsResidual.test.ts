/**
 * A query prepared with an equality placeholder beside a same-field OR (`{ z: P('z'), OR: [{ z: 0 },
 * { z: { gte: 2 } }] }`, planned once: `bindPlan` checks the bound value against the OR, and reads
 * nothing when it fails it) reads the placeholder's range with nothing left to test, as the same
 * query with the value written in does (`z = 2 AND (z = 0 OR z >= 2)` reads `z = 2`). A residual
 * kept there made `explain(values)` differ from the written query's (docs/queries.md: as explain()
 * of the same unprepared query shows it), and a prepared page was read another way ("merged from
 * the index key, not pinned across re-runs" instead of Convex's `.paginate()` with its end pinned),
 * its cursors refused by the written query and the other way round. The same for a search (a NOT of
 * an AND of ranges on its filter field, pushed down to an OR, beside `{ status: P }`).
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, sql, text } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { introPosts, orm as searchOrm } from './searchFixture';

const items = convexTable('items', { z: integer(), y: text() }, (t) => [index('by_zy').on(t.z, t.y)]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const prepared = orm.query.items
  .findMany({ where: { z: sql.placeholder('z'), OR: [{ z: 0 }, { z: { gte: 2 } }] }, orderBy: { y: 'asc' }, limit: 3 })
  .prepare('eqBesideOr');
const preparedPage = orm.query.items
  .paginate({ where: { z: sql.placeholder('z'), OR: [{ z: 0 }, { z: { gte: 2 } }] }, orderBy: { y: 'asc' } })
  .prepare('eqBesideOrPage');
const written = { where: { z: 2, OR: [{ z: 0 }, { z: { gte: 2 } }] }, orderBy: { y: 'asc' } } as const;

async function backend() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 30; i++) await ctx.db.insert('items', { z: i % 4, y: `y${String(i).padStart(2, '0')}` });
  });
  return t;
}

describe('prepared eq placeholder beside a same-field OR', () => {
  it('explains as the written query (no residual left: the OR is checked when the value is bound)', async () => {
    const t = await backend();
    await t.run(async (raw) => {
      const { prepared: how, ...explained } = prepared.explain({ z: 2 });
      expect(how).toBe('once');
      expect(explained).toEqual(
        orm
          .db(raw)
          .query.items.findMany({ ...written, limit: 3 })
          .explain(),
      );
    });
  });

  it('pages as the written query: same read, same page strategy, cursors of one continue the other', async () => {
    const t = await backend();
    await t.run(async (raw) => {
      const opts = { cursor: null, numItems: 3 };
      const { prepared: _how, ...explained } = preparedPage.explain(opts, { z: 2 });
      expect(explained).toEqual(orm.db(raw).query.items.paginate(opts, written).explain());
      const a = countReads(raw);
      const b = countReads(raw);
      const pa = await preparedPage.execute(a.ctx, opts, { z: 2 });
      const pb = await orm.db(b.ctx).query.items.paginate(opts, written);
      expect(pa.page).toEqual(pb.page);
      expect({ ...a.reads }).toEqual({ ...b.reads });
      // The same query, the same position: the written query continues the prepared one's page.
      const next = await orm.db(raw).query.items.paginate({ cursor: pa.continueCursor, numItems: 3 }, written);
      expect(next.page.map((row) => row.y)).toEqual(['y14', 'y18', 'y22']);
    });
  });

  it('a search explains as the written search (the NOT of an AND of ranges on its filter field, an OR, is no residual)', async () => {
    const t = await introPosts(3);
    const search = { index: 'search_title', query: 'intro' } as const;
    const not = { AND: [{ status: { lt: 'a' } }, { status: { gt: 'q' } }] };
    const preparedSearch = searchOrm.query.posts
      .findMany({ search, where: { status: sql.placeholder('s'), NOT: not }, columns: { title: true } })
      .prepare('searchBesideNot');
    await t.run(async (raw) => {
      const { prepared: how, ...explained } = preparedSearch.explain({ s: 'published' });
      expect(how).toBe('once');
      expect(explained).toEqual(
        searchOrm
          .db(raw)
          .query.posts.findMany({ search, where: { status: 'published', NOT: not }, columns: { title: true } })
          .explain(),
      );
    });
  });
});
