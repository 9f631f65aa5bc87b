/**
 * explain() of an embedded $count whose own condition is an equality on the aggregate-indexed
 * column its correlation orders (`scores.value = 5 AND scores.value < people.cap`) names the
 * aggregate index, as each row's count, planned with the row's value, is an equality on the key
 * (5 passes `< 9`: one bucket; fails `< 3`: nothing read). In the trial plan (the row's value a
 * param) the equality's value is checked against the param-bounded range only once bound, which
 * left the range unanswered and the aggregate planner refused it (explain said the rows are read).
 * A list (`inArray(v, [2, 5])`) beside such a bound is another matter: a row whose value leaves
 * both values is not served by the buckets (one value per key field), one that leaves one is, so
 * explain, made before any row, says the rows are read.
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
  inArray,
  index,
  integer,
  lt,
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
    for (let i = 0; i < 40; i++) await ctx.db.insert('scores', { value: 1 + (i % 10) });
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [people, scores].map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  return t;
}

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
    const rows = await q;
    return { rows, aggregate: String((explained.counts as any)?.n?.aggregate), reads: reads.documents - before };
  });
}

it('an own eq beside a correlated bound on its field: explain names the buckets the run reads', async () => {
  const out = await explainAndRun(and(eq(scores.value, 5), lt(scores.value, people.cap)));
  expect(out.rows).toEqual([
    { name: 'ann', n: 0 },
    { name: 'bob', n: 4 },
  ]);
  // Served by buckets: the 2 people, the index state and one bucket (bob's); no score is read.
  expect(out.reads).toBe(4);
  expect(out.aggregate).toMatch(/scores_by_value \(value = 5, value < \?\)/);
});

it('an own inArray beside a correlated bound: a row whose value leaves both values reads the rows', async () => {
  const out = await explainAndRun(and(inArray(scores.value, [2, 5]), lt(scores.value, people.cap)));
  // ann (cap 3) counts value 2 from its bucket; bob (cap 9) keeps both values and reads their 8 rows.
  expect(out.rows).toEqual([
    { name: 'ann', n: 4 },
    { name: 'bob', n: 8 },
  ]);
  expect(out.aggregate).toMatch(/^none/);
});
