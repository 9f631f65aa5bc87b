import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  max,
  min,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { countReads } from '../../../src/testing/index';

// `rank` and `tier` were added after some items existed: those documents have no such fields.
const items = convexTable(
  'items',
  { name: text().notNull(), rank: integer(), tier: integer(), score: integer() },
  (t) => [
    aggregateIndex('items_by_rank').on(t.rank).count().min(t.score).max(t.score),
    aggregateIndex('items_by_rank_tier').on(t.rank, t.tier).count().min(t.score).max(t.score).shards(1),
  ],
);
const schema = defineSchema({ items });
const orm = createOrm({ relations: defineRelations({ items }) });
const tables = [items].map(getTableConfig);

/** Items under a null key written every way: fields absent (raw, as before the columns existed), null, or mixed. */
async function world(served: boolean) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('items', { name: 'old1', score: 1 } as never);
    await ctx.db.insert('items', { name: 'old2', score: 9 } as never);
    await ctx.db.insert('items', { name: 'half', rank: null, score: 0 } as never);
    await ctx.db.insert('items', { name: 'ranked', rank: 2, score: 7 } as never);
    await orm
      .db(ctx as never)
      .insert(items)
      .values([
        { name: 'new', rank: null, tier: null, score: 5 },
        { name: 'tiered', rank: null, tier: 3, score: 4 },
        { name: 'other', tier: null, score: 10 },
      ]);
  });
  if (served)
    for (;;) {
      const step = await t.run((ctx) => backfillNext(ctx.db as never, tables, 100));
      if (step.batch === null) break;
    }
  return t.run(async (ctx) => {
    const { ctx: counted, reads } = countReads(ctx);
    const db = orm.db(counted as never);
    const groupBy = await db.query.items.groupBy({
      by: ['rank'],
      _count: true,
      _min: { score: true },
      _max: { score: true },
    });
    const groupByReads = reads.documents;
    const select = await db
      .select({ rank: items.rank, tier: items.tier, n: count(), lo: min(items.score), hi: max(items.score) })
      .from(items)
      .groupBy(items.rank, items.tier);
    const explained = (await db.query.items.groupBy({ by: ['rank'], _count: true, _min: { score: true } }).explain())
      .aggregate;
    // Brute force: every document, absent fields read as null.
    const all = (await ctx.db.query('items').collect()) as {
      rank?: number | null;
      tier?: number | null;
      score: number;
    }[];
    const buckets = (await ctx.db.query('aggregate_bucket').collect()).filter((b) => b.index === 'items_by_rank');
    return { groupBy, groupByReads, select, explained, all, buckets: buckets.length };
  });
}

describe('aggregate min/max under a key whose fields are absent', () => {
  it('a served groupBy and select give the NULL group the min/max of all its rows, as the scan and brute force do', async () => {
    const scanned = await world(false);
    const served = await world(true);
    const nullRank = scanned.all.filter((row) => row.rank == null).map((row) => row.score);
    expect(nullRank).toHaveLength(6);
    expect(scanned.groupBy).toEqual([
      { rank: null, _count: 6, _min: { score: Math.min(...nullRank) }, _max: { score: Math.max(...nullRank) } },
      { rank: 2, _count: 1, _min: { score: 7 }, _max: { score: 7 } },
    ]);
    expect(scanned.select).toEqual([
      { rank: null, tier: null, n: 5, lo: 0, hi: 10 },
      { rank: null, tier: 3, n: 1, lo: 4, hi: 4 },
      { rank: 2, tier: null, n: 1, lo: 7, hi: 7 },
    ]);
    expect(scanned.explained).toMatch(/^building: /);
    expect(served.explained).toMatch(
      /^aggregate index items_by_rank; then _min\/_max per group through the index, unless/,
    );
    expect({ groupBy: served.groupBy, select: served.select }).toEqual({
      groupBy: scanned.groupBy,
      select: scanned.select,
    });
  });

  it('the served groupBy reads the state, the buckets, and per null key part and extreme one more index range', async () => {
    const served = await world(true);
    // State, the buckets, then per extreme: the null group reads the first live row of its null and its
    // absent range (2), the group of rank 2 one row.
    expect(served.groupByReads).toBe(1 + served.buckets + 2 * (2 + 1));
  });
});
