/**
 * explain() of an embedded $count with an own equality on an aggregate-indexed field, an own range
 * on that field on the other side of a correlated bound, and the correlated bound itself
 * (`value = 5 AND value >= 1 AND value < people.cap`, the range from the where or from a read
 * rule) names the aggregate index, as each row's count is served by the buckets (countReads: the
 * 2 people, the index state and one bucket). The own range, intersected with the param bound into
 * one range the equality's value was not checked against, was left unanswered in the trial plan,
 * which said the rows are read.
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
  defineRules,
  defineSchema,
  eq,
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

async function seeded() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('people', { name: 'ann', cap: 3 });
    await ctx.db.insert('people', { name: 'bob', cap: 9 });
    for (let i = 0; i < 40; i++) await ctx.db.insert('scores', { value: 1 + (i % 10) });
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [people, scores].map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  return t;
}

async function explainAndRun(orm: ReturnType<typeof createOrm<typeof relations>>, where: any) {
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

it('own eq, own range and a correlated bound on one field: explain names the buckets the run reads', async () => {
  const out = await explainAndRun(
    createOrm({ relations }),
    and(eq(scores.value, 5), gte(scores.value, 1), lt(scores.value, people.cap)),
  );
  expect(out.rows).toEqual([
    { name: 'ann', n: 0 },
    { name: 'bob', n: 4 },
  ]);
  expect(out.reads).toBeLessThanOrEqual(4); // served: no score read
  expect(out.aggregate).toMatch(/^aggregate index scores_by_value/);
});

it('the same with the own range coming from a read rule', async () => {
  const orm = createOrm({
    relations,
    rules: defineRules(relations, () => ({ people: { read: {} }, scores: { read: { value: { gte: 1 } } } })),
  });
  const out = await explainAndRun(orm, and(eq(scores.value, 5), lt(scores.value, people.cap)));
  expect(out.rows).toEqual([
    { name: 'ann', n: 0 },
    { name: 'bob', n: 4 },
  ]);
  expect(out.reads).toBeLessThanOrEqual(4); // served: no score read
  expect(out.aggregate).toMatch(/^aggregate index scores_by_value/);
});
