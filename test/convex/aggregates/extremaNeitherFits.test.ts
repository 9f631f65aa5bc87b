/**
 * A served `groupBy` with `_min`/`_max` reads its buckets before it can tell whether the lookups
 * (one per group and column) or the bounded scan of the rows the buckets count is cheaper (docs/
 * aggregates.md, "Costs"); those bucket reads count toward `scanBudget`. When the scan is cheaper
 * but no longer fits what the buckets left (30 one-row groups under `scanBudget: 45`: 30 buckets,
 * then a scan of 30 rows), the read is refused at once with SCAN_BUDGET_EXCEEDED naming the
 * aggregate index and its buckets, not after the scan read its rows with a message blaming a
 * full scan ("through index by_creation_time ... narrow the filter with an indexed field") of a
 * query that has no filter. With the budget the buckets and the scan take, the result is the
 * unserved one.
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

const scores = convexTable('scores', { player: text().notNull(), points: integer().notNull() }, (t) => [
  aggregateIndex('scores_by_player').on(t.player).count().min(t.points).max(t.points).shards(1),
]);
const schema = defineSchema({ scores });
const orm = createOrm({ relations: defineRelations({ scores }) });
const tables = [scores].map(getTableConfig);

async function groupsWithBudget(built: boolean, scanBudget: number): Promise<unknown> {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await orm
      .db(ctx as never)
      .insert(scores)
      .values(Array.from({ length: 30 }, (_, i) => ({ player: `p${String(i).padStart(2, '0')}`, points: i })));
  });
  if (built) await backfillAll(t, 100, tables);
  return t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    try {
      const groups = await db.query.scores.groupBy({
        by: ['player'],
        _min: { points: true },
        _max: { points: true },
        scanBudget,
      });
      return groups.length;
    } catch (e) {
      return `${(e as { code?: string }).code}: ${(e as Error).message}`;
    }
  });
}

describe('served groupBy whose _min/_max lookups fall back to the scan', () => {
  it('is refused naming the buckets when the scan no longer fits; fits a budget for both', async () => {
    expect(await groupsWithBudget(false, 45)).toBe(30);
    expect(await groupsWithBudget(true, 45)).toBe(
      'SCAN_BUDGET_EXCEEDED: Aggregate read on "scores": after reading 30 buckets of aggregate index "scores_by_player", neither the 60 _min/_max lookups of their groups nor a scan of the 30 rows they count fits the 15 documents left of the scan budget (45); raise scanBudget, narrow the where to fewer groups, or ask for _min/_max apart.',
    );
    expect(await groupsWithBudget(true, 60)).toBe(30);
  });
});
