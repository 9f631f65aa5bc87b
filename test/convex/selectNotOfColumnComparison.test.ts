/**
 * NOT of a comparison of two columns is its opposite comparison, as Postgres rewrites
 * `NOT (b.k <> a.k)` to `b.k = a.k` (each operator reads the sign of one comparison of the pair,
 * and a null on either side is UNKNOWN both ways): `innerJoin(tb, not(ne(tb.k, ta.k)))`, the De
 * Morgan form `not(or(ne(tb.k, ta.k), isNull(tb.n)))` and an embedded `$count` correlated by
 * `not(ne(...))` run as their equality forms do (they were INVALID_QUERY, "needs an equality").
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  index,
  integer,
  isNull,
  ne,
  not,
  or,
} from '../../src/index';

const ta = convexTable('ta', { p: integer().notNull(), k: integer() });
const tb = convexTable('tb', { p: integer().notNull(), k: integer(), n: integer() }, (t) => [index('by_k').on(t.k)]);
const schema = defineSchema({ ta, tb });
const orm = createOrm({ relations: defineRelations({ ta, tb }) });

async function world() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 4; i++) await ctx.db.insert('ta', { p: i, k: i === 3 ? null : i });
    for (let i = 0; i < 8; i++) await ctx.db.insert('tb', { p: 10 + i, k: i % 4, n: i < 4 ? i : null });
  });
  return t;
}

const settle = async (query: PromiseLike<unknown>) => {
  try {
    const rows = (await query) as Record<string, number | null>[];
    return rows.map((row) => JSON.stringify(row)).sort();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe('NOT of a comparison of two columns is pushed down like NOT of a comparison with a value', () => {
  it('innerJoin on not(ne(tb.k, ta.k)) joins as eq(tb.k, ta.k)', async () => {
    const t = await world();
    const [written, negated, deMorgan] = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const q = (on: any) => db.select({ a: ta.p, b: tb.p }).from(ta).innerJoin(tb, on);
      return [
        await settle(q(eq(tb.k, ta.k))),
        await settle(q(not(ne(tb.k, ta.k)))),
        await settle(q(not(or(ne(tb.k, ta.k), isNull(tb.n))!))),
      ];
    });
    expect(written).toHaveLength(6);
    expect(negated).toEqual(written);
    // NOT (tb.k <> ta.k OR tb.n IS NULL) = tb.k = ta.k AND tb.n IS NOT NULL: tb rows 10, 11, 12.
    expect(deMorgan).toEqual([
      JSON.stringify({ a: 0, b: 10 }),
      JSON.stringify({ a: 1, b: 11 }),
      JSON.stringify({ a: 2, b: 12 }),
    ]);
  });

  it('an embedded $count correlated by not(ne(tb.k, ta.k)) counts as one correlated by eq', async () => {
    const t = await world();
    const [written, negated] = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return [
        await settle(db.select({ a: ta.p, c: db.$count(tb, eq(tb.k, ta.k)) }).from(ta)),
        await settle(db.select({ a: ta.p, c: db.$count(tb, not(ne(tb.k, ta.k))) }).from(ta)),
      ];
    });
    expect(written).toEqual([
      JSON.stringify({ a: 0, c: 2 }),
      JSON.stringify({ a: 1, c: 2 }),
      JSON.stringify({ a: 2, c: 2 }),
      JSON.stringify({ a: 3, c: 0 }),
    ]);
    expect(negated).toEqual(written);
  });
});
