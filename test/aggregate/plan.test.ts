import type { Value } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { describeAggregatePlan, planAggregates } from '../../src/aggregate/plan';
import { andNodes, type FilterNode } from '../../src/filter/tree';
import { aggregateIndex, convexTable, getTableConfig, integer, parseWhere, text } from '../../src/index';
import { planParams } from '../../src/planner/bind';

// The aggregate planner serves a count from an index's buckets only when the key range (equality on
// a key prefix, then at most one interval) answers every condition of the filter.
const scores = convexTable('scores', { team: text().notNull(), value: integer().notNull(), note: text() }, (t) => [
  aggregateIndex('by_team_value').on(t.team, t.value).count().shards(1),
]);
const table = getTableConfig(scores);
const COUNT = { count: true, sum: [], avg: [], min: [], max: [] };
const where = (filter: object) => parseWhere(filter, { table });
const described = (filter: FilterNode | null, params: readonly Value[] = []) =>
  planAggregates(table, filter, COUNT, [], params).map(describeAggregatePlan);
const [P, Q] = planParams(2) as [Value, Value];
const compare = (op: 'lt' | 'gt' | 'ne', value: Value): FilterNode => ({ kind: 'compare', field: 'value', op, value });

describe('planAggregates', () => {
  it('serves an equality prefix and one interval on the next key field', () => {
    expect(described(where({ team: 'a', value: { gte: 2, lt: 5 } }))).toEqual([
      'aggregate index by_team_value (team = "a", value >= 2, value < 5)',
    ]);
  });

  it('refuses a filter with a condition the key range cannot answer', () => {
    expect(described(where({ team: 'a', note: 'x' }))).toEqual([]);
    expect(described(where({ team: 'a', value: { ne: 3 } }))).toEqual([]);
  });

  it('serves a param bound beside a known bound on the same side, showing both', () => {
    const filter = andNodes([where({ team: 'a', value: { lte: 8 } }), compare('lt', P)]);
    expect(described(filter, [P])).toEqual([
      'aggregate index by_team_value (team = "a", value > null, value <= 8, value < {"param":0})',
    ]);
    const [plan] = planAggregates(table, filter, COUNT, [], [P]);
    expect(plan?.paramBounds).toHaveLength(1);
  });

  it('serves a param bound alone as the interval itself', () => {
    const filter = andNodes([where({ team: 'a' }), compare('gt', P)]);
    const [plan] = planAggregates(table, filter, COUNT, [], [P]);
    expect(plan?.paramBounds).toBeUndefined();
    expect(describeAggregatePlan(plan!)).toBe('aggregate index by_team_value (team = "a", value > {"param":0})');
  });

  it('refuses a param bound on a field after the key range', () => {
    const filter = andNodes([where({ value: { lte: 8 } }), compare('lt', P)]);
    // No equality on team: the interval would be on team, and value's bounds stay unanswered.
    expect(described(filter, [P])).toEqual([]);
  });

  it('refuses a param complement (two intervals once bound) beside a bound', () => {
    const filter = andNodes([where({ team: 'a', value: { lte: 8 } }), compare('ne', P)]);
    expect(described(filter, [P])).toEqual([]);
  });

  it('serves two param bounds of one side: the first is the interval, the other a param bound', () => {
    const filter = andNodes([where({ team: 'a' }), compare('lt', P), compare('lt', Q)]);
    expect(described(filter, [P, Q])).toEqual([
      'aggregate index by_team_value (team = "a", value > null, value < {"param":0}, value < {"param":1})',
    ]);
  });

  it('serves a param bound on a field an equality pins: each row checks its value against it', () => {
    const filter = andNodes([where({ team: 'a', value: 5 }), compare('lt', P)]);
    expect(described(filter, [P])).toEqual([
      'aggregate index by_team_value (team = "a", value = 5, value < {"param":0})',
    ]);
  });

  it('answers a known range on a pinned field beside a param bound when the equality passes it', () => {
    const filter = andNodes([where({ team: 'a', value: 5 }), where({ value: { gte: 1 } }), compare('lt', P)]);
    expect(described(filter, [P])).toEqual([
      'aggregate index by_team_value (team = "a", value = 5, value < {"param":0})',
    ]);
    const failing = andNodes([where({ team: 'a', value: 0 }), where({ value: { gte: 1 } }), compare('lt', P)]);
    expect(described(failing, [P])).toEqual([]);
  });
});
