import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from './mutationHarness';

// A soft cascade reads the live referencing rows of each key through two index ranges (deletion
// column null, and absent): the read-ahead decision counts two per key, so between left/4 and
// left/3 parents it reads one span (2N + 2 ranges) instead of per key (4N + 1, refused).
const sp = convexTable('sp', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const sc = convexTable(
  'sc',
  {
    pId: id('sp')
      .notNull()
      .references(() => sp._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_p').on(t.pId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { sp, sc };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  sp: { children: r.many.sc() },
  sc: { parent: r.one.sp({ from: r.sc.pId, to: r.sp._id }) },
}));

const N = 120;
async function seeded() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    for (let i = 0; i < N; i++) {
      const pId = await ctx.db.insert('sp', { name: `p${i}`, deletedAt: null });
      await ctx.db.insert('sc', { pId, title: `c${i}`, deletedAt: null });
    }
  });
  return t;
}

describe('soft cascade over many parents and the index-range budget', () => {
  it('soft-deleting 120 parents with one live child each fits a 400-range budget (the span plan takes 242)', async () => {
    const t = await seeded();
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 400 } });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const error = await rejection(orm.db(ctx).delete(sp).where(eq(sp.name, sp.name))).catch(() => null);
      const live = (await raw.db.query('sc').collect()).filter((row: any) => row.deletedAt === null).length;
      return { error: error && { code: error.code, details: error.details }, reads: { ...reads }, live };
    });
    expect(out.error).toBeNull();
    expect(out.live).toBe(0);
  });

  it('the same statement hard-deleting (one range per key) fits the same budget', async () => {
    const t = await seeded();
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 400 } });
    const out = await t.run(async (ctx) => {
      const error = await rejection(orm.db(ctx).delete(sp).hard().where(eq(sp.name, sp.name))).catch(() => null);
      return { error: error?.code ?? null, left: (await ctx.db.query('sc').collect()).length };
    });
    expect(out).toEqual({ error: null, left: 0 });
  });
});
