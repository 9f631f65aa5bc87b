/**
 * explain() of a `$count` selected as a field whose correlation is an order (`lt(scores.value,
 * people.cap)`) beside a bound of its own on the same column and side (`lte(scores.value, 8)`)
 * shows both: a bound holding the row's value (a param, `?`) is not ordered against a known one
 * (its value is unknown; prepared queries refuse the shape for the same reason), so the known one
 * is read and the correlation stays residual. The trial plan had ordered the param's stand-in
 * object with Convex's value order (after every number) and dropped one of the two. The same with
 * an equality on the column beside such a correlation.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  and,
  asc,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  eq,
  gt,
  gte,
  index,
  integer,
  lt,
  lte,
  text,
} from '../../src/index';
import { countReads } from '../../src/testing/index';

const people = convexTable('people', { name: text().notNull(), cap: integer().notNull() });
const scores = convexTable('scores', { value: integer().notNull() }, (t) => [index('by_value').on(t.value)]);
const schema = defineSchema({ people, scores });
const relations = defineRelations({ people, scores });
const orm = createOrm({ relations });

async function seeded() {
  const t = convexTest({ schema, modules });
  await t.run(async (ctx) => {
    await ctx.db.insert('people', { name: 'ann', cap: 3 });
    for (let value = 1; value <= 10; value++) await ctx.db.insert('scores', { value });
  });
  return t;
}

it('an upper-bound correlation beside an own upper bound on the column is explained', async () => {
  const t = await seeded();
  const out = await t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const db = orm.db(ctx as never);
    const q = db
      .select({ name: people.name, n: db.$count(scores, and(lte(scores.value, 8), lt(scores.value, people.cap))) })
      .from(people)
      .orderBy(asc(people.name));
    const explained = await q.explain();
    const before = reads.documents;
    const rows = await q;
    return { rows, explained: JSON.stringify(explained.counts?.n), reads: reads.documents - before };
  });
  expect(out.rows).toEqual([{ name: 'ann', n: 2 }]);
  // 1 person + the 2 scores below 3: the run reads `value < 3`.
  expect(out.reads).toBe(3);
  // Today: ranges ["value <= 8"] (or with "value > null"), no `?` anywhere: the correlation is gone.
  expect(out.explained).toContain('?');
});

it('a lower-bound correlation beside an own lower bound keeps the own bound in the explain', async () => {
  const t = await seeded();
  const explained = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const q = db
      .select({ name: people.name, n: db.$count(scores, and(gte(scores.value, 5), gt(scores.value, people.cap))) })
      .from(people);
    return JSON.stringify((await q.explain()).counts?.n);
  });
  // Today: ranges ["value > ?"], the `value >= 5` of the count's own filter is nowhere.
  expect(explained).toMatch(/value >= 5/);
});

it('an equality beside a lower-bound correlation on the column is not ruled out by the stand-in', async () => {
  const t = await seeded();
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    const q = db
      .select({ name: people.name, n: db.$count(scores, and(eq(scores.value, 5), gt(scores.value, people.cap))) })
      .from(people);
    return { explained: JSON.stringify((await q.explain()).counts?.n), rows: await q };
  });
  expect(out.rows).toEqual([{ name: 'ann', n: 1 }]);
  expect(out.explained).toMatch(/value = 5/);
  expect(out.explained).toContain('?');
});
