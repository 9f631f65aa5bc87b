/**
 * explain() of a `$count` selected as a field, on a column with an aggregate index, agrees with
 * what each row's count runs (countReads: buckets or rows). Explain plans the count once, the
 * row's values unknown (params, shown as `?`); each row's count is planned with its values. So:
 * - a correlation bounding the side one of the count's own bounds does (`and(lte(v, 8), lt(v,
 *   people.cap))`), two correlations bounding one side, or an own equality beside a correlation
 *   (`and(eq(v, 5), lt(v, people.cap))`) are one key range once bound: explain names the index
 *   and shows every bound (it said `none`: the bounds holding a param were left residual, which
 *   the aggregate planner refuses);
 * - a `<>` correlation (two intervals once bound) is no key range: the rows are read, and explain
 *   says so (a first version of the fix took it for a bound and named the buckets);
 * - an own list beside a correlation (`inArray(v, [2, 5])`) is one key range only for a row whose
 *   value leaves one of the values: explain, made before any row, says the rows are read.
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
  eq,
  gt,
  gte,
  inArray,
  index,
  integer,
  lt,
  lte,
  ne,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';
import { countReads } from '../../src/testing/index';

const people = convexTable('people', { name: text().notNull(), cap: integer().notNull(), cap2: integer().notNull() });
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
    await ctx.db.insert('people', { name: 'ann', cap: 3, cap2: 5 });
    await ctx.db.insert('people', { name: 'bob', cap: 9, cap2: 7 });
    // Four scores of each value 1..10: a bucket per value counts four rows.
    for (let i = 0; i < 40; i++) await ctx.db.insert('scores', { value: 1 + (i % 10) });
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [people, scores].map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  return t;
}

/** ann's and bob's counts, the documents the run read, and explain's `aggregate` line for the count. */
async function explainAndRun(where: any) {
  const t = await seeded();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = orm.db(ctx as never);
    const q = db
      .select({ name: people.name, n: db.$count(scores, where) })
      .from(people)
      .orderBy(asc(people.name));
    const explained = await q.explain();
    const before = reads.documents;
    const rows = (await q) as { n: number }[];
    return {
      counts: rows.map(({ n }) => n),
      aggregate: String((explained.counts as any)?.n?.aggregate),
      reads: reads.documents - before,
    };
  });
}

// Served by the buckets: the 2 people, the aggregate index's state and a bucket per value counted.
it.each([
  [
    'an upper correlation beside an own upper bound',
    and(lte(scores.value, 8), lt(scores.value, people.cap)),
    [8, 32],
    10,
    'value > null, value <= 8, value < ?',
  ],
  [
    'a lower correlation beside an own lower bound',
    and(gte(scores.value, 5), gt(scores.value, people.cap)),
    [24, 4],
    7,
    'value >= 5, value > ?',
  ],
  [
    'two upper correlations',
    and(lt(scores.value, people.cap), lt(scores.value, people.cap2)),
    [8, 24],
    8,
    'value > null, value < ?, value < ?',
  ],
  [
    'two lower correlations',
    and(gt(scores.value, people.cap), gte(scores.value, people.cap2)),
    [24, 4],
    7,
    'value > ?, value >= ?',
  ],
  [
    'an own equality beside a correlation',
    and(eq(scores.value, 5), lt(scores.value, people.cap)),
    [0, 4],
    1,
    'value = 5, value < ?',
  ],
])('%s: explain names the buckets the run reads', async (_, where, counts, buckets, range) => {
  const out = await explainAndRun(where);
  expect(out.counts).toEqual(counts);
  expect(out.reads).toBe(3 + buckets);
  expect(out.aggregate).toContain(`aggregate index scores_by_value (${range})`);
});

it('a <> correlation beside an own bound: the run reads the rows, and explain says so', async () => {
  const out = await explainAndRun(and(lte(scores.value, 8), ne(scores.value, people.cap)));
  expect(out.counts).toEqual([28, 32]);
  // Each row's count reads its scores (ann 28, bob 32 of them), not buckets.
  expect(out.reads).toBeGreaterThan(20);
  expect(out.aggregate).toMatch(/^none/);
});

it('an own list beside a correlation: a row whose value leaves both values reads the rows, and explain says so', async () => {
  const out = await explainAndRun(and(inArray(scores.value, [2, 5]), lt(scores.value, people.cap)));
  // ann (cap 3) counts value 2 from its bucket; bob (cap 9) keeps both values and reads their 8 rows.
  expect(out.counts).toEqual([4, 8]);
  expect(out.aggregate).toMatch(/^none/);
});
