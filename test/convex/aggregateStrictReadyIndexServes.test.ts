// Under `strict`, a grouped read that a built (ready) aggregate index serves is answered from it,
// min/max included, also when its `_min`/`_max` lookups outnumber the rows (groups of one row):
// reading the rows instead would be cheaper, but strict refuses that full scan, so the index
// answers. When the lookups would not fit in what the transaction has left, strict's refusal says
// so; it never says a ready index "is being backfilled" (docs/aggregates.md: strict refuses the
// scan only before the index's first backfill or while `aggregate repair` rebuilds it).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { backfillNext } from '../../src/aggregate/backfill';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  max,
  min,
  text,
} from '../../src/index';
import { getTableConfig } from '../../src/schema/table';

const items = convexTable('items', { g: text().notNull(), v: integer() }, (t) => [
  aggregateIndex('items_by_g').on(t.g).count().min(t.v).max(t.v),
]);
const relations = defineRelations({ items });
const strict = createOrm({ relations, strict: true });
const strictSmall = createOrm({ relations, strict: true, scanBudget: 12 });
const lax = createOrm({ relations });

/** A backend holding `rows` (one per group `g`), its aggregate index backfilled: ready. */
async function readyItems(rows: readonly (readonly [string, number])[]) {
  const t = convexTest(defineSchema({ items }), modules);
  await t.run(async (ctx) => {
    for (const [g, v] of rows) await ctx.db.insert('items', { g, v });
  });
  while ((await t.run((ctx) => backfillNext(ctx.db as never, [getTableConfig(items)], 100))).batch !== null);
  return t;
}

describe('strict and a grouped select served by a ready aggregate index', () => {
  it('is answered, not refused as a full scan while the index "is being backfilled"', async () => {
    const t = await readyItems([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const outcome = await t.run(async (ctx) => {
      const query = (orm: typeof strict) =>
        orm
          .db(ctx)
          .select({ g: items.g, lo: min(items.v), hi: max(items.v) })
          .from(items)
          .groupBy(items.g);
      const expected = await query(lax);
      const explained = query(strict).explain().aggregate;
      const strictRun = await query(strict).then(
        (rows) => ({ rows }),
        (error: Error) => ({ error: error.message }),
      );
      return { expected, explained, strictRun };
    });
    expect(outcome.expected).toEqual([
      { g: 'a', lo: 1, hi: 1 },
      { g: 'b', lo: 2, hi: 2 },
      { g: 'c', lo: 3, hi: 3 },
    ]);
    expect(outcome.explained).toMatch(/^aggregate index items_by_g/);
    expect(outcome.strictRun).toEqual({ rows: outcome.expected });
  });

  it('db.query.x.groupBy (aggregateGroups, the same decline-then-assert) is answered too', async () => {
    const t = await readyItems([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const outcome = await t.run((ctx) =>
      strict
        .db(ctx)
        .query.items.groupBy({ by: ['g'], _min: { v: true }, _max: { v: true } })
        .then(
          (rows) => ({ rows }),
          (error: Error) => ({ error: error.message }),
        ),
    );
    expect(outcome).toEqual({
      rows: [
        { g: 'a', _min: { v: 1 }, _max: { v: 1 } },
        { g: 'b', _min: { v: 2 }, _max: { v: 2 } },
        { g: 'c', _min: { v: 3 }, _max: { v: 3 } },
      ],
    });
  });

  it('refused when the lookups would not fit, saying so (not "being backfilled")', async () => {
    const t = await readyItems(['a', 'b', 'c', 'd', 'e'].map((g) => [g, 1] as const));
    const outcome = await t.run((ctx) =>
      strictSmall
        .db(ctx)
        .query.items.groupBy({ by: ['g'], _min: { v: true }, _max: { v: true } })
        .then(
          () => 'answered',
          (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
        ),
    );
    expect(outcome).toMatchObject({ code: 'FULL_SCAN_FORBIDDEN' });
    expect((outcome as { message: string }).message).toMatch(/items_by_g.* serves it, but its _min\/_max lookups/);
    expect((outcome as { message: string }).message).not.toMatch(/backfill/);
  });
});
