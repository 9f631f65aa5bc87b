import { describe, expect, it } from 'vitest';
import { createOrm, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { rejection } from './mutationHarness';
import { softCascadeBackend, softCascadeTables } from './softCascadeFixture';

// A soft cascade reads the live referencing rows of each key through two index ranges (deletion
// column null, and absent): the read-ahead decision counts two per key, so between left/4 and
// left/3 parents it reads one span (2N + 2 ranges) instead of per key (4N + 1, refused).
const { parents: sp, schema, relations } = softCascadeTables('key first');
const N = 120;
const seeded = () => softCascadeBackend(schema, N, 'null');

describe('soft cascade over many parents and the index-range budget', () => {
  it('soft-deleting 120 parents with one live child each fits a 400-range budget (the span plan takes 242)', async () => {
    const t = await seeded();
    const orm = createOrm({ relations, transactionBudget: { indexRanges: 400 } });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const error = await rejection(orm.db(ctx).delete(sp).where(eq(sp.name, sp.name))).catch(() => null);
      const live = (await raw.db.query('children').collect()).filter((row: any) => row.deletedAt === null).length;
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
      return { error: error?.code ?? null, left: (await ctx.db.query('children').collect()).length };
    });
    expect(out).toEqual({ error: null, left: 0 });
  });
});
