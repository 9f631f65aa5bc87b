import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  asc,
  bigint,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  index,
  number,
  text,
} from '../../src/index';

// A number() column keeps -0, which Convex compares and indexes apart from 0. Two columns compare
// an int64 with a float64 by their numbers (compareColumnValues: 0n = -0, as Postgres's bigint 0 =
// double precision -0), so where(eq(f, b)) holds for -0 and 0n. A join's lookup reads one value,
// the joined column's equal one (asNumberType): a bigint 0n looks up the float 0, whose index
// equality misses a stored -0, while a -0 looks up 0n. docs/divergences.md says so.
const counters = convexTable('counters', { n: bigint().notNull(), label: text().notNull() }, (t) => [
  index('by_n').on(t.n),
]);
const readings = convexTable('readings', { x: number().notNull(), label: text().notNull() }, (t) => [
  index('by_x').on(t.x),
]);
const pairs = convexTable('pairs', { f: number().notNull(), b: bigint().notNull(), label: text().notNull() });
const relations = defineRelations({ counters, readings, pairs });
const orm = createOrm({ relations });

async function setup() {
  const t = convexTest({ schema: defineSchema({ counters, readings, pairs }), modules, transactionLimits: true });
  await t.run(async (ctx) => {
    await ctx.db.insert('counters', { n: 0n, label: 'zero' });
    await ctx.db.insert('readings', { x: -0, label: 'negative zero' });
    await ctx.db.insert('pairs', { f: -0, b: 0n, label: 'negative zero' });
  });
  return t;
}

describe('a bigint 0n and a number() -0: equal compared, a join pairs them from the number side only', () => {
  it('where(eq(f, b)) holds; readings joined by a counter miss the -0, counters joined by a reading find the 0n', async () => {
    const t = await setup();
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return {
        where: await db.select({ label: pairs.label }).from(pairs).where(eq(pairs.f, pairs.b)),
        byCounter: await db
          .select({ counter: counters.label, reading: readings.label })
          .from(counters)
          .innerJoin(readings, eq(readings.x, counters.n))
          .orderBy(asc(counters.label)),
        byReading: await db
          .select({ counter: counters.label, reading: readings.label })
          .from(readings)
          .innerJoin(counters, eq(counters.n, readings.x))
          .orderBy(asc(readings.label)),
      };
    });
    expect(out).toEqual({
      where: [{ label: 'negative zero' }],
      byCounter: [],
      byReading: [{ counter: 'zero', reading: 'negative zero' }],
    });
  });
});
