import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, sql, text } from '../../../src/index';
import { countReads } from '../../../src/testing/index';

// Prepared queries whose where unions an OR across fields: planned once (a placeholder on an
// unindexed column, or a range, beside the OR; a branch the bound value rules out is dropped) or
// per execution (placeholders inside the OR or an `in` list of a branch, equal across branches):
// rows, reads and explain(values) equal the same query with the values written in.
const P = sql.placeholder;
const items = convexTable('items', { u: text(), a: text(), b: integer(), n: integer() }, (t) => [
  index('by_a').on(t.a),
  index('by_b').on(t.b),
  index('by_n').on(t.n),
]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
const schema = defineSchema(tables);

function substitute(config: any, values: Record<string, unknown>): any {
  if (config && typeof config === 'object' && config.constructor?.name === 'Placeholder') return values[config.name];
  if (Array.isArray(config)) return config.map((c) => substitute(c, values));
  if (config && typeof config === 'object')
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, substitute(v, values)]));
  return config;
}

const specs: { config: any; values: Record<string, unknown>[] }[] = [
  {
    config: { where: { u: P('u'), OR: [{ a: 'x', u: 'k' }, { b: 1 }] }, orderBy: { _creationTime: 'desc' } },
    values: [{ u: 'k' }, { u: 'z' }],
  },
  {
    config: { where: { n: { gt: P('lo') }, OR: [{ a: 'x' }, { b: 1 }] }, limit: 3 },
    values: [{ lo: 0 }, { lo: 5 }, { lo: 100 }],
  },
  {
    config: { where: { n: { gte: P('lo'), lt: P('hi') }, OR: [{ a: 'x' }, { b: 1 }] } },
    values: [
      { lo: 0, hi: 5 },
      { lo: 5, hi: 1 },
    ],
  },
  {
    config: { where: { OR: [{ a: P('a') }, { b: P('b') }] }, orderBy: { n: 'asc' } },
    values: [
      { a: 'x', b: 1 },
      { a: 'x', b: 2 },
      { a: 'y', b: 1 },
    ],
  },
  {
    config: { where: { OR: [{ a: { in: [P('a1'), P('a2')] } }, { b: P('b') }] } },
    values: [
      { a1: 'x', a2: 'x', b: 1 },
      { a1: 'x', a2: 'y', b: 3 },
    ],
  },
];

describe('prepared unions agree with unprepared', () => {
  it('rows, reads and explain', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run(async (ctx: any) => {
      for (let i = 0; i < 40; i++)
        await ctx.db.insert('items', { u: ['k', 'z'][i % 2], a: ['x', 'y', 'w'][i % 3], b: i % 5, n: i % 10 });
    });
    for (const [si, spec] of specs.entries()) {
      const prepared = (orm.query as any).items.findMany(spec.config).prepare(`p${si}`);
      for (const values of spec.values) {
        const plain = substitute(spec.config, values);
        const out = await t.run(async (raw: any) => {
          const a = countReads(raw);
          const p = await prepared.execute(a.ctx, values);
          const b = countReads(raw);
          const u = await orm.db(b.ctx).query.items.findMany(plain);
          const exP = prepared.explain(values);
          delete exP.prepared;
          return {
            p: p.map((r: any) => r._id),
            u: u.map((r: any) => r._id),
            rp: { ...a.reads },
            ru: { ...b.reads },
            exP,
            exU: orm.db(raw).query.items.findMany(plain).explain(),
          };
        });
        const label = JSON.stringify({ si, values });
        expect(out.p, label).toEqual(out.u);
        expect(out.rp, label).toEqual(out.ru);
        expect(out.exP, label).toEqual(out.exU);
      }
    }
  });
});
