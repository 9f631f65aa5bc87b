import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { type AnyColumn, convexTable, createOrm, defineRelations, defineSchema, id, text } from '../../src/index';
import { rejection } from './mutationHarness';

// A cascade is planned wave by wave; each wave chooses per-key ranges or one span, keeping back
// the by_id ranges of every row planned so far (the earlier waves' too: they are reserved only at
// checkChanges). With 120 roots, 120 children and 120 grandchildren under a 500-range budget, wave
// 2 reads one span: 1 + 120 + 1 + 360 = 482 ranges fit, where per-key reads (1 + 120 + 120 + 360 =
// 601) were refused.
const roots = convexTable('roots', { name: text().notNull() });
const mids = convexTable('mids', {
  rootId: id('roots')
    .notNull()
    .references((): AnyColumn => roots._id, { onDelete: 'cascade' }),
  name: text().notNull(),
});
const leaves = convexTable('leaves', {
  midId: id('mids')
    .notNull()
    .references((): AnyColumn => mids._id, { onDelete: 'cascade' }),
  name: text().notNull(),
});
const tables = { roots, mids, leaves };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));

describe('a three-level cascade and the index-range budget', () => {
  it('deleting 120 roots (one mid and one leaf each) fits 500 ranges: the second wave must keep back the first wave’s writes', async () => {
    const t = convexTest({ schema, modules });
    await t.run(async (ctx) => {
      for (let i = 0; i < 120; i++) {
        const rootId = await ctx.db.insert('roots', { name: `r${i}` });
        const midId = await ctx.db.insert('mids', { rootId, name: `m${i}` });
        await ctx.db.insert('leaves', { midId, name: `l${i}` });
      }
    });
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 500 } });
    const out = await t.run(async (ctx) => {
      const error = await rejection(orm.db(ctx).delete(roots).all()).catch(() => null);
      return {
        error: error && { code: error.code, details: error.details },
        leaves: (await ctx.db.query('leaves').collect()).length,
      };
    });
    expect(out).toEqual({ error: null, leaves: 0 });
  });
});
