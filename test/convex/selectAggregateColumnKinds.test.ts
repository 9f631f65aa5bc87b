import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  asc,
  avg,
  avgDistinct,
  bigint,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  gt,
  integer,
  json,
  max,
  min,
  sum,
  sumDistinct,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

// db.select()'s sum/avg of a bigint() column was INVALID_QUERY, where Postgres sums int8 exactly
// (a numeric): sum and sumDistinct now give the exact bigint, avg and avgDistinct a number. No
// aggregate index keeps a bigint sum (`.sum()` takes number columns), so such a select reads the
// rows. And min/max of a boolean or json column returned a value, where Postgres has no such
// aggregate ("function min(boolean) does not exist"): INVALID_QUERY.
const items = convexTable(
  'items',
  { g: integer().notNull(), big: bigint(), flag: boolean(), meta: json<{ n: number }>() },
  (t) => [aggregateIndex('items_by_g').on(t.g).count()],
);
const orm = createOrm({ relations: defineRelations({ items }) });
const HUGE = 10n ** 18n;

async function seeded() {
  const t = convexTest(defineSchema({ items }), modules);
  await t.run(async (ctx) => {
    await orm
      .db(ctx)
      .insert(items)
      .values([
        { g: 1, big: HUGE + 1n, flag: true, meta: { n: 1 } },
        { g: 1, big: HUGE + 1n },
        { g: 1, big: 2n ** 53n + 1n },
        { g: 1, big: null },
        { g: 2, big: -5n },
        { g: 3 },
      ]);
    // Every index built: a grouped select it could serve has its chance.
    while ((await backfillNext(ctx.db, [getTableConfig(items)], 100)).batch !== null);
  });
  return t;
}

async function outcome(f: () => Promise<unknown>) {
  try {
    return await f();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('sum and avg of a bigint() column', () => {
  it('sum and sumDistinct are exact bigints, avg and avgDistinct numbers, null over no values', async () => {
    const t = await seeded();
    const rows = await t.run((ctx) =>
      orm
        .db(ctx)
        .select({
          g: items.g,
          total: sum(items.big),
          distinct: sumDistinct(items.big),
          mean: avg(items.big),
          distinctMean: avgDistinct(items.big),
        })
        .from(items)
        .groupBy(items.g)
        .orderBy(asc(items.g)),
    );
    const total = 2n * HUGE + 2n + 2n ** 53n + 1n;
    const distinct = HUGE + 1n + 2n ** 53n + 1n;
    expect(rows).toEqual([
      // The float64 nearest the exact mean, 669669066418246998.33… (Postgres's numeric avg), rounded once.
      { g: 1, total, distinct, mean: Number(669669066418246998n), distinctMean: Number(distinct) / 2 },
      { g: 2, total: -5n, distinct: -5n, mean: -5, distinctMean: -5 },
      { g: 3, total: null, distinct: null, mean: null, distinctMean: null },
    ]);
  });

  it('orders and filters groups by the bigint sum', async () => {
    const t = await seeded();
    const rows = await t.run((ctx) =>
      orm
        .db(ctx)
        .select({ g: items.g, total: sum(items.big) })
        .from(items)
        .groupBy(items.g)
        .having(gt(sum(items.big), 0n))
        .orderBy(asc(sum(items.big))),
    );
    expect(rows).toEqual([{ g: 1, total: 2n * HUGE + 2n + 2n ** 53n + 1n }]);
  });
});

describe('min and max of a column Postgres has no min/max of', () => {
  it.each([
    ['min of a boolean column', () => min(items.flag as never)],
    ['max of a boolean column', () => max(items.flag as never)],
    ['min of a json column', () => min(items.meta as never)],
    ['max of a json column', () => max(items.meta as never)],
  ])('%s: INVALID_QUERY, never a value', async (_, aggregate) => {
    const t = await seeded();
    const out = await t.run((ctx) => outcome(() => orm.db(ctx).select({ value: aggregate() }).from(items)));
    expect(out).toBe('INVALID_QUERY');
  });
});
