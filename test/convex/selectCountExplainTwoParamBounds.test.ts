/**
 * explain() of an embedded $count with two correlations bounding the same side of one
 * aggregate-indexed column (`value < people.cap AND value < people.cap2`, or `>` with `>=`) and no
 * bound of its own names the aggregate index, as each row's count, planned with the row's values,
 * is one key range served by the buckets (countReads: the people, the index state and buckets).
 * Neither bound was read in the trial plan (their order unknown), so the aggregate planner had no
 * interval to take and refused the count.
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

it.each([
  ['upper', and(lt(scores.value, people.cap), lt(scores.value, people.cap2)), [8, 24]],
  ['lower', and(gt(scores.value, people.cap), gte(scores.value, people.cap2)), [24, 4]],
])('two %s-bound correlations on one side: explain names the buckets the run reads', async (_, where, counts) => {
  const out = await explainAndRun(where);
  expect(out.rows).toEqual([
    { name: 'ann', n: counts[0] },
    { name: 'bob', n: counts[1] },
  ]);
  // Served by buckets: 2 people, the index state and at most 10 buckets; no score is read.
  expect(out.reads).toBeLessThanOrEqual(2 + 2 * 10);
  expect(out.aggregate).toMatch(/scores_by_value/);
});
