/**
 * explain() of an embedded $count whose own equality fails its own one-sided range, beside a
 * correlation bounding the other side (`value = 5 AND value > 5 AND value < people.cap`, the own
 * bound in the where or from a read rule), says nothing is read, as the run reads nothing (the
 * conditions contradict each other whatever the row's value is), and as explain says without the
 * correlation or with it on the own bound's side. The own range, intersected with the param bound
 * into one range, was not checked against the equality's value: explain said each row reads the
 * index range `value = 5` with a residual.
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

async function explainAndRun(orm: any, where: any) {
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
    return { rows, count: (explained.counts as any).n, reads: reads.documents - before };
  });
}

it('control: the correlation on the same side as the own bound: explain says nothing is read', async () => {
  const out = await explainAndRun(
    createOrm({ relations }),
    and(eq(scores.value, 5), gte(scores.value, 6), gt(scores.value, people.cap)),
  );
  expect(out.reads).toBe(2);
  expect(out.count.read).toBe('none');
});

it('own equality failing an own lower bound, correlation as upper bound: explain says nothing is read', async () => {
  const out = await explainAndRun(
    createOrm({ relations }),
    and(eq(scores.value, 5), gt(scores.value, 5), lt(scores.value, people.cap)),
  );
  expect(out.rows).toEqual([
    { name: 'ann', n: 0 },
    { name: 'bob', n: 0 },
  ]);
  expect(out.reads).toBe(2); // the people only: no score, no bucket, no index state
  expect(out.count.read).toBe('none'); // today: 'index' on by_value, ranges ['value = 5']
  expect(out.count.ranges).toEqual([]);
});

it('the same with the own bound from a read rule', async () => {
  const orm = createOrm({
    relations,
    rules: defineRules(relations, () => ({ people: { read: {} }, scores: { read: { value: { gte: 6 } } } })),
  });
  const out = await explainAndRun(orm, and(eq(scores.value, 5), lt(scores.value, people.cap)));
  expect(out.rows).toEqual([
    { name: 'ann', n: 0 },
    { name: 'bob', n: 0 },
  ]);
  expect(out.reads).toBe(2);
  expect(out.count.read).toBe('none');
});
