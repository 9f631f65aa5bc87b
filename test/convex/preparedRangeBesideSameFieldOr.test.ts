/**
 * A prepared query whose root `where` compares a field with a placeholder (`age: { gt: P('a') }`)
 * beside another condition reading that field (a same-field OR of equalities, `OR: [{ age: 25 },
 * { age: 36 }]`, which the planner reads as the field's set of values and narrows by the bounds)
 * is planned per execution (src/query/preparedPlan.ts fieldsPlannable): planned once, the bound
 * would be weighed without its value. Its rows, reads and explain() equal the query with the values
 * written in (Postgres: a prepared statement returns what the statement with the values does), for
 * a number column, `_id`, and a search's filter field.
 */
import { sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { introPosts, orm as searchOrm } from './searchFixture';
import { seeded } from './seed';

const P = sql.placeholder;

describe('prepared: a placeholder range beside a same-field OR of equalities', () => {
  it('returns the rows of the query with the values written in (age)', async () => {
    const { t } = await seeded();
    const prepared = orm.query.users
      .findMany({ where: { age: { gt: P('a') }, OR: [{ age: 25 }, { age: 36 }] }, columns: { name: true } })
      .prepare('agedAbove');
    await t.run(async (ctx) => {
      // Ada is 36, Bob 25.
      expect(await prepared.execute(ctx, { a: 30 })).toEqual([{ name: 'Ada' }]);
      expect(await prepared.execute(ctx, { a: 20 })).toEqual([{ name: 'Ada' }, { name: 'Bob' }]);
      expect(
        await orm.db(ctx).query.users.findMany({
          where: { age: { gt: 30 }, OR: [{ age: 25 }, { age: 36 }] },
          columns: { name: true },
        }),
      ).toEqual([{ name: 'Ada' }]);
    });
  });

  it('an eq or ne placeholder beside the OR is weighed when bound: planned once, the rows of the written query', async () => {
    const { t } = await seeded();
    const config = (op: 'eq' | 'ne', value: unknown) =>
      ({ where: { age: { [op]: value }, OR: [{ age: 25 }, { age: 36 }] }, columns: { name: true } }) as never;
    const eqPrepared = orm.query.users.findMany(config('eq', P('a'))).prepare('agedExactly');
    const nePrepared = orm.query.users.findMany(config('ne', P('a'))).prepare('agedOtherThan');
    await t.run(async (ctx) => {
      for (const a of [25, 36, 40]) {
        expect(await eqPrepared.execute(ctx, { a } as never)).toEqual(
          await orm.db(ctx).query.users.findMany(config('eq', a)),
        );
        expect(await nePrepared.execute(ctx, { a } as never)).toEqual(
          await orm.db(ctx).query.users.findMany(config('ne', a)),
        );
      }
    });
    expect(eqPrepared.explain({ a: 36 } as never).prepared).toBe('once');
  });

  it('returns the rows of the query with the values written in (_id)', async () => {
    const { t, ids } = await seeded();
    const prepared = orm.query.users
      .findMany({
        where: { _id: { gt: P('after') }, OR: [{ _id: ids.users.bob }, { _id: ids.users.eve }] },
        columns: { name: true },
      })
      .prepare('idsAfter');
    await t.run(async (ctx) => {
      // Ids grow with insertion: Ada < Bob < Cy < Di < Eve.
      expect(await prepared.execute(ctx, { after: ids.users.cy })).toEqual([{ name: 'Eve' }]);
    });
  });

  it('reads and explains as the written query (lt)', async () => {
    const { t } = await seeded();
    const prepared = orm.query.users
      .findMany({ where: { age: { lt: P('a') }, OR: [{ age: 25 }, { age: 36 }] }, columns: { name: true } })
      .prepare('agedBelow');
    const written = { where: { age: { lt: 20 }, OR: [{ age: 25 }, { age: 36 }] }, columns: { name: true } } as const;
    await t.run(async (raw) => {
      const a = countReads(raw);
      const b = countReads(raw);
      expect(await prepared.execute(a.ctx, { a: 20 })).toEqual(await orm.db(b.ctx).query.users.findMany(written));
      // The written query allows no value (25 and 36 are not below 20) and reads nothing.
      expect({ ...b.reads }).toEqual({ documents: 0, ranges: 0 });
      expect({ ...a.reads }).toEqual({ ...b.reads });
      const { prepared: _how, ...explained } = prepared.explain({ a: 20 });
      expect(explained).toEqual(orm.db(raw).query.users.findMany(written).explain());
    });
  });

  it('returns the rows of the search with the values written in', async () => {
    const t = await introPosts(3);
    const search = { index: 'search_title', query: 'intro' } as const;
    const prepared = searchOrm.query.posts
      .findMany({
        search,
        where: { status: { gte: P('a') }, OR: [{ status: 'published' }, { status: 'draft' }] },
        columns: { title: true },
      })
      .prepare('searchStatus');
    await t.run(async (ctx) => {
      const written = await searchOrm.db(ctx).query.posts.findMany({
        search,
        where: { status: { gte: 'a' }, OR: [{ status: 'published' }, { status: 'draft' }] },
        columns: { title: true },
      });
      expect(written).toHaveLength(3);
      expect(await prepared.execute(ctx, { a: 'a' })).toEqual(written);
    });
  });
});
