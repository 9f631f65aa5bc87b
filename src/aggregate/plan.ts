import type { Value } from 'convex/values';
import type { FilterNode } from '../filter/tree.js';
import { analyzeConditions } from '../planner/conditions.js';
import { describeBound, type PlanDescription, showValue } from '../planner/describe.js';
import { holdsParamBound } from '../planner/interval.js';
import type { Interval } from '../planner/types.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { BUCKET_TABLE, KEY_SLOTS } from './buckets.js';
import { type AggregateSpec, summedFields } from './spec.js';

/** An aggregate read served by an aggregate index: equality on a key prefix, then at most one interval. */
export interface AggregatePlan {
  readonly aggregate: AggregateIndexConfig;
  readonly eq: readonly Value[];
  readonly interval?: Interval;
  /**
   * Bounds holding a param (a row's value, in an embedded `$count`'s trial plan) on a key field the
   * plan pins or bounds already, their sides holding a param: `explain()` shows them; each row's
   * count, planned with its value bound, reads one key range answering all (or nothing, when the
   * value fails an equality's). Never in a plan that reads.
   */
  readonly paramBounds?: readonly ParamBound[];
}

/** A bound holding a param on the key field `field`. */
export interface ParamBound {
  readonly field: string;
  readonly interval: Interval;
}

/** True when `aggregate` keeps everything `spec` asks for; min/max also need equality on the whole key. */
function keeps(aggregate: AggregateIndexConfig, spec: AggregateSpec, wholeKey: boolean): boolean {
  const extrema = spec.min.length + spec.max.length > 0;
  return (
    (!spec.count || aggregate.count) &&
    summedFields(spec).every((field) => aggregate.summed.includes(field)) &&
    spec.min.every((field) => aggregate.min.includes(field)) &&
    spec.max.every((field) => aggregate.max.includes(field)) &&
    (!extrema || wholeKey)
  );
}

/** The conjunct that hides soft-deleted rows (`deletedAt isNull`), which buckets already leave out. */
function liveConjunct(table: TableConfig, conjuncts: readonly FilterNode[]): number | undefined {
  if (!table.deletion) return undefined;
  const column = table.deletion.column;
  const i = conjuncts.findIndex((node) => node.kind === 'isNull' && node.field === column && !node.negated);
  return i === -1 ? undefined : i;
}

function planFor(
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  filter: FilterNode | null,
  spec: AggregateSpec,
  groupBy: readonly string[],
  params: readonly Value[],
): AggregatePlan | null {
  if (!groupBy.every((field, i) => aggregate.key[i] === field)) return null;
  const { conjuncts, equalities, ranges, paramRanges } = analyzeConditions(filter, params);
  const used = new Set<number>();
  const live = liveConjunct(table, conjuncts);
  if (table.deletion && live === undefined) return null;
  if (live !== undefined) used.add(live);
  const eq: Value[] = [];
  for (const field of aggregate.key) {
    const equality = equalities.get(field);
    if (equality?.values.length !== 1) break;
    eq.push(equality.values[0]!);
    for (const i of equality.conjuncts) used.add(i);
  }
  const next = aggregate.key[eq.length];
  const range = next === undefined ? undefined : ranges.get(next);
  // Its inexact conjuncts (`like 'a%b'`) stay unused: the key range cannot answer them.
  let interval = range?.intervals.length === 1 ? range.intervals[0] : undefined;
  if (interval) for (const i of range!.exact) used.add(i);
  // Bounds holding a param on the fields pinned and the one bounded: a row's plan, its value known,
  // intersects them (an equality's value checked against them). The field's known ranges are the
  // equality's or the interval's already. Where each bound on the next field holds a param (two of
  // one side), none was read: the first is the interval.
  const paramBounds: ParamBound[] = [];
  for (const field of aggregate.key.slice(0, eq.length + 1)) {
    for (const { conjunct, intervals, exact } of paramRanges.get(field) ?? []) {
      if (used.has(conjunct) || intervals.length !== 1 || !exact || !holdsParamBound(intervals[0]!, params)) continue;
      used.add(conjunct);
      if (field === next && range === undefined && !interval) interval = intervals[0];
      else paramBounds.push({ field, interval: paramSides(intervals[0]!, params) });
    }
  }
  if (used.size !== conjuncts.length) return null;
  const wholeKey = eq.length === aggregate.key.length || groupBy.length === aggregate.key.length;
  if (!keeps(aggregate, spec, wholeKey)) return null;
  return {
    aggregate,
    eq,
    ...(interval ? { interval } : {}),
    ...(paramBounds.length > 0 ? { paramBounds } : {}),
  };
}

/** The sides of `interval` holding a param: its other side (`> null` of an `lt`) says nothing the read's interval does not. */
function paramSides({ lower, upper }: Interval, params: readonly Value[]): Interval {
  return {
    ...(lower && params.includes(lower.value) ? { lower } : {}),
    ...(upper && params.includes(upper.value) ? { upper } : {}),
  };
}

/**
 * The aggregate indexes that serve a read of `table` filtered by `filter`
 * (the parsed where, soft-deleted rows hidden), best first; empty when none
 * does and the read falls back to a bounded scan. Every conjunct of the
 * filter must be answered by the key range; `groupBy` fields must lead the
 * key. The one with the fewest key fields left open is best (ties: schema
 * order); a reader uses the first that is ready. `params` stand for values
 * bound later (`explain()`'s `?` for a relation's key): one a key field's
 * equality holds answers the other conditions on that field, as the bound
 * value is checked against them (`bindPlan`).
 */
export function planAggregates(
  table: TableConfig,
  filter: FilterNode | null,
  spec: AggregateSpec,
  groupBy: readonly string[] = [],
  params: readonly Value[] = [],
): AggregatePlan[] {
  const plans: AggregatePlan[] = [];
  for (const aggregate of table.aggregateIndexes) {
    const plan = planFor(table, aggregate, filter, spec, groupBy, params);
    if (plan) plans.push(plan);
  }
  // Array sort is stable: equally good indexes keep their schema order.
  return plans.sort((a, b) => openKeyFields(a, groupBy) - openKeyFields(b, groupBy));
}

/** Fewest key fields left open reads fewest buckets (`.all()` for an unfiltered count). */
function openKeyFields(plan: AggregatePlan, groupBy: readonly string[]): number {
  return plan.aggregate.key.length - Math.max(plan.eq.length, groupBy.length);
}

/** The bounds of `interval` on `field`, as `explain()` shows a range's: `publishedAt >= 5`. */
function boundParts(field: string, { lower, upper }: Interval): string[] {
  return [
    ...(lower ? [describeBound(field, lower, true)] : []),
    ...(upper ? [describeBound(field, upper, false)] : []),
  ];
}

/**
 * The key range of a plan as `explain()` shows it, each key field named by `name(i)`: its
 * equalities, its interval, then its param bounds.
 */
function keyRangeParts(plan: AggregatePlan, name: (i: number) => string): string[] {
  const { aggregate, eq, interval, paramBounds = [] } = plan;
  return [
    ...eq.map((value, i) => `${name(i)} = ${showValue(value)}`),
    ...(interval ? boundParts(name(eq.length), interval) : []),
    ...paramBounds.flatMap(({ field, interval }) => boundParts(name(aggregate.key.indexOf(field)), interval)),
  ];
}

/** How `explain()` names a plan: `by_author (authorId = ?)`-style description of the key range. */
export function describeAggregatePlan(plan: AggregatePlan): string {
  const parts = keyRangeParts(plan, (i) => plan.aggregate.key[i]!);
  return `aggregate index ${plan.aggregate.name}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** The bucket read of a served plan, as `explain()` shows a read: one range of `aggregate_bucket.by_key`. */
export function describeBucketRead(table: TableConfig, plan: AggregatePlan): PlanDescription {
  const eq = keyRangeParts(plan, (i) => `${KEY_SLOTS[i]} (${plan.aggregate.key[i]})`);
  return {
    table: BUCKET_TABLE,
    read: 'index',
    index: 'by_key',
    ranges: [[`table = "${table.name}"`, `index = "${plan.aggregate.name}"`, ...eq].join(', ')],
    residual: null,
    order: 'index asc',
    fullScan: false,
  };
}
