/**
 * A prepared query whose `ne` placeholder sits beside a same-field OR (or a NOT that pushes down
 * to one) returns the rows of the unprepared query with the value written in, each once
 * (docs/queries.md, Prepared queries): the OR's intervals are not intersected with the
 * placeholder's stand-in, whose value is not known when the query is planned once; such a query
 * plans per execution, as a bound placeholder beside another condition on its field does.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, sql } from '../../src/index';

const items = convexTable('items', { pos: integer().notNull(), a: integer() }, (t) => [index('by_a').on(t.a)]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const wheres: Record<string, object> = {
  'field OR': { a: { OR: [{ lt: 3 }, { gt: 6 }], ne: sql.placeholder('x') } },
  'table OR': { OR: [{ a: { lt: 3 } }, { a: { gt: 6 } }], a: { ne: sql.placeholder('x') } },
  'NOT between': { a: { NOT: { gte: 3, lte: 6 }, ne: sql.placeholder('x') } },
};
const prepared = Object.fromEntries(
  Object.entries(wheres).map(([name, where]) => [
    name,
    orm.query.items.findMany({ where: where as never }).prepare(name),
  ]),
);

describe('a prepared ne placeholder beside a same-field OR', () => {
  it('returns the rows of (a < 3 OR a > 6) AND a <> x, each once', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let pos = 0; pos < 10; pos++) await ctx.db.insert('items', { pos, a: pos });
    });
    const got = await t.run(async (ctx) => {
      const out: Record<string, number[]> = {};
      for (const x of [1, 4]) {
        for (const [name, query] of Object.entries(prepared)) {
          const rows = await query.execute(ctx, { x } as never);
          out[`${name}, x = ${x}`] = rows.map((row) => row.a!).sort((p, q) => p - q);
        }
      }
      return out;
    });
    expect(got).toEqual({
      'field OR, x = 1': [0, 2, 7, 8, 9],
      'table OR, x = 1': [0, 2, 7, 8, 9],
      'NOT between, x = 1': [0, 2, 7, 8, 9],
      'field OR, x = 4': [0, 1, 2, 7, 8, 9],
      'table OR, x = 4': [0, 1, 2, 7, 8, 9],
      'NOT between, x = 4': [0, 1, 2, 7, 8, 9],
    });
  });
});
