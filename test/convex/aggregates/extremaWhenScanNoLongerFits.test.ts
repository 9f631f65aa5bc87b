/**
 * A served `groupBy` with `_min`/`_max` reads its buckets before it can tell whether the lookups
 * (one per group, column and stored form: an upper bound, as a form may hold no value) or the
 * bounded scan of the rows the buckets count is cheaper (docs/aggregates.md, "Costs"); the bucket
 * reads count toward `scanBudget`. The scan replaces the lookups only while it fits what the
 * buckets left: past it, the lookups run, held to the same budget. 30 one-row groups under
 * `scanBudget: 45` (30 buckets, 60 lookups or a scan of 30 rows) fail as an aggregate read past
 * the budget, not as a full scan of a query with no filter ("narrow the filter with an indexed
 * field", as before); 30 groups 20 of which hold only nulls fit 55 (30 buckets + 20 lookups that
 * find a value), where a refusal judged on the lookups' bound would refuse them.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import {
  aggregateIndex,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  integer,
  text,
} from '../../../src/index';
import { getTableConfig } from '../../../src/schema/table';
import { backfillAll } from './fixture';

const scores = convexTable('scores', { player: text().notNull(), points: integer() }, (t) => [
  aggregateIndex('scores_by_player').on(t.player).count().min(t.points).max(t.points).shards(1),
]);
const schema = defineSchema({ scores });
const orm = createOrm({ relations: defineRelations({ scores }) });
const tables = [scores].map(getTableConfig);

/** 30 one-row groups (`points` null past `valued`) and what a groupBy with _min/_max under `scanBudget` gives. */
async function groupsWithBudget(built: boolean, scanBudget: number, valued = 30): Promise<unknown> {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await orm
      .db(ctx as never)
      .insert(scores)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          player: `p${String(i).padStart(2, '0')}`,
          points: i < valued ? i : null,
        })),
      );
  });
  if (built) await backfillAll(t, 100, tables);
  return t.run(async (ctx) => {
    try {
      const groups = await orm
        .db(ctx as never)
        .query.scores.groupBy({ by: ['player'], _min: { points: true }, _max: { points: true }, scanBudget });
      return groups.length;
    } catch (e) {
      return `${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
  });
}

describe('served groupBy whose cheaper scan no longer fits what the buckets left', () => {
  it('runs the lookups: past the budget, an aggregate read error; within it, the groups', async () => {
    expect(await groupsWithBudget(false, 45)).toBe(30);
    expect(await groupsWithBudget(true, 45)).toBe(
      'SCAN_BUDGET_EXCEEDED: Aggregate read on "scores" read more than 45 documents (the scan budget, relations included); narrow the where to fewer keys, or raise scanBudget.',
    );
    expect(await groupsWithBudget(true, 60)).toBe(30);
  });

  it('fits when the lookups find fewer values than their bound', async () => {
    expect(await groupsWithBudget(true, 55, 10)).toBe(30);
  });
});
