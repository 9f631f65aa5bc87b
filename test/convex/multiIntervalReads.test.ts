/**
 * Conditions an index reads as several ranges, as Postgres reads them through an index:
 * - NOT of a comparison is read as the comparison it equals (`NOT (a < 8)` is `a >= 8` in SQL's
 *   three-valued logic; `NOT (a <> 3)` is `a = 3`, `NOT (a NOT IN (3, 4))` is `a IN (3, 4)`,
 *   `NOT (a IS NOT NULL)` is `a IS NULL`, De Morgan through OR), as Postgres's planner pushes NOT
 *   down (`negate_clause`);
 * - an OR of range conditions on one field (`notBetween(t.a, 1, 8)`, `a < 1 OR a > 8`, field-level
 *   or table-level) is read as the union of its intervals (a BitmapOr in Postgres).
 * Each reads what its positive form reads, and strict mode does not refuse it as a full scan.
 */
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  index,
  integer,
  lt,
  not,
  notBetween,
} from '../../src/index';

const items = convexTable('items', { pos: integer().notNull(), a: integer() }, (t) => [index('by_a').on(t.a)]);
const tables = { items };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables) });
const strictOrm = createOrm({ relations: defineRelations(tables), strict: true });

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let pos = 0; pos < 40; pos++) await ctx.db.insert('items', { pos, a: pos % 10 });
    await ctx.db.insert('items', { pos: 40, a: null });
  });
  return t;
}

const reads = async (t: Awaited<ReturnType<typeof seeded>>, where: object) =>
  t.run(async (raw) => {
    const r = countReads(raw);
    const rows = await orm.db(r.ctx).query.items.findMany({ where: where as never });
    return { rows: rows.length, documents: r.reads.documents };
  });

describe('NOT of a comparison reads the index range of the opposite comparison', () => {
  it('reads as few documents as the positive form', async () => {
    const t = await seeded();
    const pairs: [object, object][] = [
      [{ NOT: { a: { lt: 8 } } }, { a: { gte: 8 } }],
      [{ NOT: { a: { ne: 3 } } }, { a: 3 }],
      [{ a: { NOT: { ne: 3 } } }, { a: 3 }],
      [{ NOT: { a: { notIn: [3, 4] } } }, { a: { in: [3, 4] } }],
      [{ NOT: { a: { isNotNull: true } } }, { a: { isNull: true } }],
      [{ NOT: { OR: [{ a: { lt: 8 } }, { a: { isNull: true } }] } }, { a: { gte: 8 } }],
    ];
    const got = [];
    const want = [];
    for (const [negated, positive] of pairs) {
      got.push([JSON.stringify(negated), await reads(t, negated)]);
      want.push([JSON.stringify(negated), await reads(t, positive)]);
    }
    expect(got).toEqual(want);
  });

  it('strict mode does not refuse a NOT an index serves', async () => {
    const t = await seeded();
    const rows = await t.run(async (ctx) => {
      const db = strictOrm.db(ctx);
      return [
        (await db.query.items.findMany({ where: { NOT: { a: { lt: 8 } } } })).length,
        (
          await db
            .select()
            .from(items)
            .where(not(lt(items.a, 8)))
        ).length,
      ];
    });
    expect(rows).toEqual([8, 8]);
  });
});

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
