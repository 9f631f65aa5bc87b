/**
 * A same-field OR whose intervals hold every value (`a IS NULL OR a IS NOT NULL`, also reached by
 * NOT push-down: `NOT (a IS NULL AND a IS NOT NULL)`, or `a < 3 OR NOT (a < 3) OR a IS NULL`) is
 * TRUE for every row: it narrows nothing, and is no condition at all. Read as a range of the index
 * on `a` with no bound, it walked the whole table while explain() said `fullScan: false` and strict
 * mode let it run; now the query plans as `findMany()` without a where (explain's `fullScan: true`,
 * strict's FULL_SCAN_FORBIDDEN): the same rows read get the same verdict whatever filter text
 * produced them (docs/queries.md, explain()).
 */
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, integer } from '../../../src/index';

const items = convexTable('items', { pos: integer().notNull(), a: integer() }, (t) => [index('by_a').on(t.a)]);
const tables = { items };
const orm = createOrm({ relations: defineRelations(tables) });
const strictOrm = createOrm({ relations: defineRelations(tables), strict: true });

const WHERES = {
  'isNull OR isNotNull': { a: { OR: [{ isNull: true }, { isNotNull: true }] } },
  'NOT (isNull AND isNotNull)': { NOT: { AND: [{ a: { isNull: true } }, { a: { isNotNull: true } }] } },
  'lt OR NOT lt OR isNull': { OR: [{ a: { lt: 3 } }, { NOT: { a: { lt: 3 } } }, { a: { isNull: true } }] },
} as const;

describe('a same-field OR covering every value is a full scan', () => {
  it('explain says fullScan and strict refuses it, as for findMany() without a where', async () => {
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      for (let pos = 0; pos < 20; pos++) await ctx.db.insert('items', { pos, a: pos % 5 });
      await ctx.db.insert('items', { pos: 20, a: null });
      await ctx.db.insert('items', { pos: 21 });
    });
    const got = await t.run(async (raw) => {
      const out: Record<string, unknown> = {};
      for (const [name, where] of Object.entries({ none: undefined, ...WHERES })) {
        const q = (where ? { where } : {}) as never;
        const counted = countReads(raw);
        const explained = orm.db(counted.ctx).query.items.findMany(q).explain();
        const rows = await orm.db(counted.ctx).query.items.findMany(q);
        let strict = 'ran';
        try {
          await strictOrm.db(raw).query.items.findMany(q);
        } catch (error) {
          strict = (error as { code?: string }).code ?? String(error);
        }
        out[name] = { rows: rows.length, documents: counted.reads.documents, fullScan: explained.fullScan, strict };
      }
      return out;
    });
    const whole = { rows: 22, documents: 22, fullScan: true, strict: 'FULL_SCAN_FORBIDDEN' };
    expect(got).toEqual({
      none: whole,
      'isNull OR isNotNull': whole,
      'NOT (isNull AND isNotNull)': whole,
      'lt OR NOT lt OR isNull': whole,
    });
  });
});
