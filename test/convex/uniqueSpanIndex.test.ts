import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, index, text, unique } from '../../src/index';
import { rejection } from './mutationHarness';

// unique (a, b) nulls not distinct, with two indexes starting with {a, b}: by_ba (declared first)
// and by_abc (in the constraint's own order). A batch unique check judges whether one span fits by
// the leading field of the index it reads (b: every probe has one); the span must be read by that
// same index (by_ba), not by another bounded by a, which is null in every probe.
const uq = convexTable('uq', { a: text(), b: text(), c: text() }, (t) => [
  index('by_ba').on(t.b, t.a),
  index('by_abc').on(t.a, t.b, t.c),
  unique('uq_ab').on(t.a, t.b).nullsNotDistinct(),
]);
const tables = { uq };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));

describe('unique span read and the index it is bounded by', () => {
  it('a batch insert read by span still finds a stored row whose a is absent (nulls not distinct)', async () => {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('uq', { b: 'x0' });
    });
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 10 } });
    const out = await t.run(async (ctx) => {
      const rows = Array.from({ length: 8 }, (_, i) => ({ a: null, b: `x${i}` }));
      const error = await rejection(orm.db(ctx).insert(uq).values(rows)).catch(() => null);
      return { error: error?.code ?? null, count: (await ctx.db.query('uq').collect()).length };
    });
    expect(out).toEqual({ error: 'UNIQUE_VIOLATION', count: 1 });
  });

  it('the same batch read per row (large budget) finds it', async () => {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      await ctx.db.insert('uq', { b: 'x0' });
    });
    const orm = createOrm({ relations });
    const out = await t.run(async (ctx) => {
      const rows = Array.from({ length: 8 }, (_, i) => ({ a: null, b: `x${i}` }));
      const error = await rejection(orm.db(ctx).insert(uq).values(rows)).catch(() => null);
      return { error: error?.code ?? null, count: (await ctx.db.query('uq').collect()).length };
    });
    expect(out).toEqual({ error: 'UNIQUE_VIOLATION', count: 1 });
  });
});
