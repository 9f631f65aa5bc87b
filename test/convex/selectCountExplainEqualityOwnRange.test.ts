/**
 * explain() of an embedded $count with an own equality on an aggregate-indexed field, an own range
 * on that field (in the where, or from a read rule) and a correlation bounding the other side
 * agrees with the run:
 * - the equality passes the range (`value = 5 AND value >= 1 AND value < people.cap`): each row's
 *   count is served by the buckets, and explain names the aggregate index (it said the rows are
 *   read: the own range, intersected with the param bound, was left unanswered);
 * - the equality fails the range (`value = 5 AND value > 5 AND value < people.cap`): no row can
 *   match, the run reads nothing, and explain says so (it said each row reads the index range
 *   `value = 5` with a residual), as it does with the correlation on the own range's side.
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
  gt,
  gte,
  index,
  integer,
  lt,
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
const plain = createOrm({ relations });
/** An ORM whose read rule on scores is `value` within `range`. */
const ruled = (range: Record<string, number>) =>
  createOrm({
    relations,
    rules: defineRules(relations, () => ({ people: { read: {} }, scores: { read: { value: range } } })),
  });

async function seeded() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('people', { name: 'ann', cap: 3 });
    await ctx.db.insert('people', { name: 'bob', cap: 9 });
    // Four scores of each value 1..10.
    for (let i = 0; i < 40; i++) await ctx.db.insert('scores', { value: 1 + (i % 10) });
  });
  for (;;) {
    const step = await t.run((ctx) => backfillNext(ctx.db as never, [people, scores].map(getTableConfig), 100));
    if (step.batch === null) break;
  }
  return t;
}

/** ann's and bob's counts, the documents the run read, and explain's plan of the count. */
async function explainAndRun(orm: { db: typeof plain.db }, where: any) {
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
    const count = (explained.counts as any).n;
    return {
      counts: rows.map(({ n }) => n),
      count,
      aggregate: String(count.aggregate),
      reads: reads.documents - before,
    };
  });
}

it.each([
  ['in the where', plain, and(eq(scores.value, 5), gte(scores.value, 1), lt(scores.value, people.cap))],
  ['from a read rule', ruled({ gte: 1 }), and(eq(scores.value, 5), lt(scores.value, people.cap))],
])(
  'an equality passing an own range %s, beside a correlation: explain names the buckets the run reads',
  async (_, orm, where) => {
    const out = await explainAndRun(orm, where);
    expect(out.counts).toEqual([0, 4]);
    // The 2 people, the index state and bob's one bucket: no score is read.
    expect(out.reads).toBe(4);
    expect(out.aggregate).toMatch(/^aggregate index scores_by_value \(value = 5, value < \?\)/);
  },
);

it.each([
  [
    "the correlation on the own bound's side",
    plain,
    and(eq(scores.value, 5), gte(scores.value, 6), gt(scores.value, people.cap)),
  ],
  [
    'the correlation on the other side',
    plain,
    and(eq(scores.value, 5), gt(scores.value, 5), lt(scores.value, people.cap)),
  ],
  ['the own bound from a read rule', ruled({ gte: 6 }), and(eq(scores.value, 5), lt(scores.value, people.cap))],
])('an equality failing an own range, %s: the run reads nothing, and explain says so', async (_, orm, where) => {
  const out = await explainAndRun(orm, where);
  expect(out.counts).toEqual([0, 0]);
  // The people only: no score, no bucket, no index state.
  expect(out.reads).toBe(2);
  expect(out.count.read).toBe('none');
  expect(out.count.ranges).toEqual([]);
});
