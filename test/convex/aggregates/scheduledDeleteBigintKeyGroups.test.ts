// Claim check (from a review that found no bug). docs/aggregates.md "Read" / "Costs": served and scanned aggregate reads give
// the same results; a null key groups rows whose key is null with those that lack the field; soft-deleted
// rows are not in the buckets; `_sum` of a bigint() column past int64 is RESULT_TOO_LARGE. No existing test
// combines these with deletion('scheduled') (the job hard-deletes soft-deleted rows, which must not be
// taken out of the buckets a second time; a restored row must come back), a bigint() key holding
// absent / null / 0n / negative values, number() values -0 / NaN / null, and bigint sums near 2^63 across
// shards. Checked against the scan (index never backfilled) and against hand-computed values.
import { internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  bigint,
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  number,
  text,
  timestamp,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { recordingScheduler } from '../scheduledJobs';
import { backfillAll } from './fixture';

const items = convexTable(
  'items',
  {
    name: text().notNull(),
    k: bigint(),
    score: number(),
    big: bigint(),
    deletedAt: timestamp(),
  },
  (t) => [
    deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
    aggregateIndex('by_k').on(t.k).count().sum(t.big).avg(t.big).min(t.score).max(t.score),
    aggregateIndex('by_score').on(t.score).count().sum(t.big).sum(t.score),
  ],
);
const schema = defineSchema({ items });
const relations = defineRelations({ items });
const tables = [items].map(getTableConfig);

async function world(served: boolean) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const orm = createOrm({ relations, scheduledDelete: 'deletions:scheduledDelete' as never });
  const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
  const { scheduler, runAll } = recordingScheduler(scheduledDelete);
  const run = <R>(fn: (db: any) => Promise<R>) => t.run(async (ctx) => fn(orm.db({ ...ctx, scheduler } as never)));
  const H = 2n ** 62n;
  await t.run(async (ctx: any) => {
    await ctx.db.insert('items', { name: 'absent', big: H, deletedAt: null });
  });
  if (served) await backfillAll(t, 100, tables);
  await run((db) =>
    db.insert(items).values([
      { name: 'a', k: null, score: 0, big: H },
      { name: 'b', k: 0n, score: -0, big: H - 1n },
      { name: 'c', k: 0n, score: null, big: -H },
      { name: 'd', k: -5n, score: Number.NaN, big: H },
      { name: 'e', k: -5n, score: 3, big: H },
      { name: 'f', k: 7n, score: -0, big: null },
      { name: 'g', k: null, score: 1.5, big: 1n },
      { name: 'h', k: 7n, score: 0, big: -(2n ** 63n) },
    ]),
  );
  await run((db) => db.delete(items).where(eq(items.name, 'e')));
  await run((db) => db.delete(items).where(eq(items.name, 'g')));
  await run((db) => db.delete(items).where(eq(items.name, 'h')));
  await run((db) => db.update(items).set({ deletedAt: null }).where(eq(items.name, 'g')));
  await t.run((ctx) => runAll(ctx));
  return run(async (db) => {
    const res: any = {};
    res.rows = (await db.query.items.findMany({ withDeleted: true, orderBy: { name: 'asc' } })).map((r: any) => [
      r.name,
      r.k,
      r.deletedAt === null,
    ]);
    res.groupsK = await db.query.items
      .groupBy({
        by: ['k'],
        _count: true,
        _sum: { big: true },
        _avg: { big: true },
        _min: { score: true },
        _max: { score: true },
      })
      .catch((e: any) => e.code);
    res.groupsKLim = await db.query.items.groupBy({
      by: ['k'],
      _count: true,
      _avg: { big: true },
      orderBy: { _avg: { big: 'desc' } },
      limit: 2,
    });
    res.groupsScore = await db.query.items.groupBy({ by: ['score'], _count: true, _sum: { score: true } });
    res.countNull = await db.query.items.count({ where: { k: { isNull: true } } });
    res.count0 = await db.query.items.count({ where: { k: 0n } });
    res.countLt = await db.query.items.count({ where: { k: { lt: 1n } } });
    res.countGte = await db.query.items.count({ where: { k: { gte: -5n } } });
    res.aggNull = await db.query.items
      .aggregate({
        where: { k: null },
        _count: true,
        _min: { score: true },
        _max: { score: true },
        _sum: { big: true },
      })
      .catch((e: any) => e.code);
    res.explain = (await db.query.items.groupBy({ by: ['k'], _count: true }).explain()).aggregate;
    return res;
  });
}

describe("aggregate index on a deletion('scheduled') table, bigint key with absent/null values", () => {
  it('served reads equal the scan and the hand-computed values after scheduled hard deletes and a restore', async () => {
    const scanned = await world(false);
    const served = await world(true);
    expect(served.explain).toBe('aggregate index by_k');
    expect(scanned.explain).toMatch(/^building: /);
    const { explain: _a, ...s } = served;
    const { explain: _b, ...c } = scanned;
    expect(s).toEqual(c);
    // e and h were hard-deleted by the job; g was restored before it ran.
    expect(served.rows.map((r: unknown[]) => r[0])).toEqual(['a', 'absent', 'b', 'c', 'd', 'f', 'g']);
    // The NULL group (absent, a, g) sums 2^62 + 2^62 + 1, past int64.
    expect(served.groupsK).toBe('RESULT_TOO_LARGE');
    expect(served.countNull).toBe(3);
    expect(served.count0).toBe(2);
    expect(served.countLt).toBe(3);
    expect(served.countGte).toBe(4);
    expect(served.groupsKLim.map((g: any) => [g.k, g._count])).toEqual([
      [-5n, 1],
      [null, 3],
    ]);
    // -0 and 0 are two groups, as Convex orders and `where` compares them.
    expect(served.groupsScore.map((g: any) => [g.score, g._count])).toEqual([
      [null, 2],
      [-0, 2],
      [0, 1],
      [1.5, 1],
      [Number.NaN, 1],
    ]);
  });
});
