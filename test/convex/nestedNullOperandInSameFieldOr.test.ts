/**
 * A comparison with null nested at any depth of a same-field OR is no interval (`a > null` is
 * UNKNOWN, `a NOT IN (1, NULL)` never TRUE), so the branch adds no row to its OR, read or counted:
 *   a: OR[ AND[ OR[ a > null, a = 5 ], a < 10 ], a > 20 ]           -> only a = 5
 *   a: OR[ AND[ OR[ a NOT IN (1, null), a = 5 ], a < 10 ], a > 20 ] -> only a = 5
 * and the same shape reached through NOT pushed down.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer } from '../../src/index';

const items = convexTable('items', { pos: integer().notNull(), a: integer() }, (t) => [index('by_a').on(t.a)]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });

const cases: [string, object][] = [
  ['a > null nested', { a: { OR: [{ AND: [{ OR: [{ gt: null }, { eq: 5 }] }, { lt: 10 }] }, { gt: 20 }] } }],
  ['a <> null nested', { a: { OR: [{ AND: [{ OR: [{ ne: null }, { eq: 5 }] }, { lt: 10 }] }, { gt: 20 }] } }],
  [
    'notIn with null nested',
    { a: { OR: [{ AND: [{ OR: [{ notIn: [1, null] }, { eq: 5 }] }, { lt: 10 }] }, { gt: 20 }] } },
  ],
  [
    'through NOT pushdown',
    { a: { NOT: { AND: [{ OR: [{ AND: [{ lte: null }, { ne: 5 }] }, { gte: 10 }] }, { lte: 20 }] } } },
  ],
];

describe('a null operand nested in a same-field OR', () => {
  it('adds no row (its comparison is UNKNOWN), in findMany and count', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let pos = 0; pos < 10; pos++) await ctx.db.insert('items', { pos, a: pos });
      await ctx.db.insert('items', { pos: 10, a: null });
    });
    const got = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const out: Record<string, unknown> = {};
      for (const [name, where] of cases) {
        const rows = await db.query.items.findMany({ where: where as never });
        out[name] = {
          a: rows.map((row) => row.a).sort(),
          count: await db.query.items.count({ where: where as never }),
        };
      }
      return out;
    });
    const want = Object.fromEntries(cases.map(([name]) => [name, { a: [5], count: 1 }]));
    expect(got).toEqual(want);
  });
});
