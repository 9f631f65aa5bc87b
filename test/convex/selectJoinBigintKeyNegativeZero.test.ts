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

// A number() column keeps -0 (docs: "other number columns keep -0, which Convex tells apart").
// Two columns compare an int64 with a float64 by their numbers (compareColumnValues: 0n = -0, as
// Postgres's bigint 0 = double precision -0), and where(eq(f, b)) says so. A join bound the other
// way must agree: its lookup reads the bigint 0n as the float 0 (asNumberType) and its index
// equality on 0 misses the stored -0, so the same pair is found from one side only.
const counters = convexTable('counters', { n: bigint().notNull(), label: text().notNull() });
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

describe('a bigint 0n joins a number() column holding -0, as a where on two columns compares them', () => {
  it('readings joined by a counter: innerJoin(readings, eq(readings.x, counters.n)) pairs 0n with -0', async () => {
    const t = await setup();
    const rows = await t.run((ctx) =>
      orm
        .db(ctx)
        .select({ counter: counters.label, reading: readings.label })
        .from(counters)
        .innerJoin(readings, eq(readings.x, counters.n))
        .orderBy(asc(counters.label)),
    );
    // The same pair in one row of pairs: where(eq(pairs.f, pairs.b)) holds (it passes today).
    const same = await t.run((ctx) =>
      orm.db(ctx).select({ label: pairs.label }).from(pairs).where(eq(pairs.f, pairs.b)),
    );
    expect({ joined: rows, where: same }).toEqual({
      joined: [{ counter: 'zero', reading: 'negative zero' }],
      where: [{ label: 'negative zero' }],
    });
  });
});
