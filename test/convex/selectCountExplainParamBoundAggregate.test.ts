/**
 * explain() of a `$count` selected as a field, counted from an aggregate index on the column its
 * correlation orders (`lt(scores.value, people.cap)`) beside a bound of its own on the same side
 * (`lte(scores.value, 8)`), says the count is served by the index's buckets, as each row's count
 * is: planned with the row's value, both bounds are one key range. The trial plan (the row's value
 * a param) left the param-bounded condition residual, which the aggregate planner refuses, so
 * explain said `none` for a count the run served from the buckets.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  and,
  asc,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  gt,
  gte,
  index,
  integer,
  lt,
  lte,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { countReads } from '../../src/testing/index';

const people = convexTable('people', { name: text().notNull(), cap: integer().notNull() });
const scores = convexTable('scores', { value: integer().notNull() }, (t) => [
  index('by_value').on(t.value),
  aggregateIndex('scores_by_value').on(t.value).count().shards(1),
]);
const schema = defineSchema({ people, scores });
const relations = defineRelations({ people, scores });
const orm = createOrm({ relations });

async function seeded() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('people', { name: 'ann', cap: 3 });
    await ctx.db.insert('people', { name: 'bob', cap: 9 });
    // Four scores of each value 1..10: a bucket per value counts four rows.
    for (let i = 0; i < 40; i++) await ctx.db.insert('scores', { value: 1 + (i % 10) });
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [people, scores].map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  return t;
}

it.each([
  ['upper', and(lte(scores.value, 8), lt(scores.value, people.cap)), [8, 32], 10, /value <= 8/, /value < \?/],
  ['lower', and(gte(scores.value, 5), gt(scores.value, people.cap)), [24, 4], 7, /value >= 5/, /value > \?/],
])(
  'a %s-bound correlation beside an own bound on the same side is explained as served by the buckets',
  async (_, where, counts, buckets, own, correlated) => {
    const t = await seeded();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx as never);
      const q = db
        .select({ name: people.name, n: db.$count(scores, where) })
        .from(people)
        .orderBy(asc(people.name));
      const explained = await q.explain();
      const before = reads.documents;
      const rows = await q;
      return {
        rows,
        explained: explained.counts?.n as unknown as Record<string, unknown>,
        reads: reads.documents - before,
      };
    });
    expect(out.rows).toEqual([
      { name: 'ann', n: counts[0] },
      { name: 'bob', n: counts[1] },
    ]);
    // The 2 people, the aggregate index's state and a bucket per value counted: no score is read.
    expect(out.reads).toBe(3 + buckets);
    const aggregate = JSON.stringify(out.explained.aggregate);
    expect(aggregate).toMatch(/scores_by_value/);
    expect(aggregate).toMatch(own);
    expect(aggregate).toMatch(correlated);
  },
);
