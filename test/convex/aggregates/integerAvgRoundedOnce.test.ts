import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  avg,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { backfillAll } from './fixture';

// Pins: `_avg` / select `avg` of an `integer()` column divided the *rounded* sum by the count, so
// the mean was rounded twice (now `roundMean`: the exact sum divided exactly, rounded once). The docs compare `integer()` sums to Postgres's exact
// `sum(bigint)` (a numeric) and make `avg` of a `bigint()` column "the exact sum divided exactly by the
// count and rounded once"; Postgres's `avg(bigint)` is that numeric mean. Three values whose exact
// mean is 6004799503160661.666… (nearest float64: 6004799503160662) come back as 6004799503160661:
// the exact sum 18014398509481985 is first rounded to 2^54, then divided.
const MAX = Number.MAX_SAFE_INTEGER; // 9007199254740991, an integer() value
const EXACT_MEAN = 6004799503160662; // (2 * MAX + 3) / 3 rounded once (Postgres: 6004799503160661.6666666666666667)

const readings = convexTable('readings', { k: text().notNull(), n: integer(), b: bigint() }, (t) => [
  aggregateIndex('readings_by_k').on(t.k).count().sum(t.n).avg(t.n).shards(1),
]);
const schema = defineSchema({ readings });
const relations = defineRelations({ readings });
const orm = createOrm({ relations });
const tables = [getTableConfig(readings)];

async function withRows(backfilled: boolean) {
  const t = convexTest(schema, modules);
  if (backfilled) await backfillAll(t, 100, tables);
  await t.run(async (ctx) => {
    await orm
      .db(ctx as never)
      .insert(readings)
      .values([
        { k: 'a', n: MAX, b: BigInt(MAX) },
        { k: 'a', n: MAX, b: BigInt(MAX) },
        { k: 'a', n: 3, b: 3n },
      ]);
  });
  return t;
}

describe('the mean of integer() values is rounded once, as the bigint() mean is', () => {
  for (const backfilled of [true, false]) {
    it(`_avg (${backfilled ? 'served by the aggregate index' : 'bounded scan'})`, async () => {
      const t = await withRows(backfilled);
      const result = await t.run(async (ctx) => {
        const db = orm.db(ctx as never);
        const query = db.query.readings.aggregate({ where: { k: 'a' }, _avg: { n: true } });
        return { avg: (await query)._avg.n, explained: (await query.explain()).aggregate };
      });
      expect(result.explained).toMatch(backfilled ? /^aggregate index readings_by_k/ : /^building/);
      expect(result.avg).toBe(EXACT_MEAN);
    });
  }

  it('db.select() avg of the integer() column agrees with avg of the same values in a bigint() column', async () => {
    const t = await withRows(false);
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      const [row] = await db.select({ n: avg(readings.n), b: avg(readings.b) }).from(readings);
      return row!;
    });
    expect(result.b).toBe(EXACT_MEAN);
    expect(result.n).toBe(EXACT_MEAN);
  });
});
