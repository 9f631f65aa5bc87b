/**
 * An OR of range conditions on one field (`notBetween(t.a, 1, 8)`, `a < 1 OR a > 8`; the
 * where-object `{ a: { OR: [{ lt: 1 }, { gt: 8 }] } }` or its table-level form) is read as the
 * union of its intervals through an index on the field, as Postgres reads it (a BitmapOr), and
 * strict mode does not refuse it.
 */
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer, notBetween } from '../../src/index';

const items = convexTable('items', { pos: integer().notNull(), a: integer() }, (t) => [index('by_a').on(t.a)]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });
const strictOrm = createOrm({ relations: defineRelations(tables), strict: true });

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let pos = 0; pos < 40; pos++) await ctx.db.insert('items', { pos, a: pos % 10 });
  });
  return t;
}

describe('a same-field OR of ranges reads the union of its index ranges', () => {
  it('reads only the matching rows', async () => {
    const t = await seeded();
    const got = await t.run(async (raw) => {
      const out: Record<string, unknown> = {};
      for (const [name, where] of [
        ['field OR', { a: { OR: [{ lt: 1 }, { gt: 8 }] } }],
        ['table OR', { OR: [{ a: { lt: 1 } }, { a: { gt: 8 } }] }],
      ] as const) {
        const r = countReads(raw);
        const rows = await orm.db(r.ctx).query.items.findMany({ where: where as never });
        out[name] = { rows: rows.length, documents: r.reads.documents };
      }
      const r = countReads(raw);
      const rows = await orm
        .db(r.ctx)
        .select()
        .from(items)
        .where(notBetween(items.a, 1, 8));
      out.notBetween = { rows: rows.length, documents: r.reads.documents };
      return out;
    });
    expect(got).toEqual({
      'field OR': { rows: 8, documents: 8 },
      'table OR': { rows: 8, documents: 8 },
      notBetween: { rows: 8, documents: 8 },
    });
  });

  it('strict mode does not refuse notBetween on an indexed column', async () => {
    const t = await seeded();
    const rows = await t.run(async (ctx) =>
      strictOrm.db(ctx).query.items.findMany({ where: { a: { OR: [{ lt: 1 }, { gt: 8 }] } } }),
    );
    expect(rows.length).toBe(8);
  });
});
