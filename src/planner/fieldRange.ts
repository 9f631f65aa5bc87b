import type { Value } from 'convex/values';
import { MAX_RANGES } from './evaluateIndex.js';
import { intersectIntervals } from './interval.js';
import type { Interval } from './types.js';

/**
 * What the range conditions on a field allow together: the intersection of the intervals of the
 * conjuncts listed ({@link fieldRange}), sorted and disjoint; none when no value passes them all.
 */
export interface RangeCondition {
  readonly conjuncts: readonly number[];
  readonly intervals: readonly Interval[];
  /** Those of `conjuncts` that say no more than their intervals (not `like 'a%b'`): a read of the intervals serves them. */
  readonly exact: readonly number[];
  /**
   * The intersection of its one-interval conditions alone (bounds, `like` prefixes, `isNull`), when
   * a complement (`ne`, `notIn`) was intersected too: one interval, what an index reads when the
   * whole intersection's intervals are more ranges than the read may open (under an equality
   * prefix of many values, or resumed by a later page), the complement then tested in memory.
   */
  readonly core?: RangeCondition;
}

/** One conjunct's range condition: its position, its intervals (sorted, disjoint), `exact` when it says no more than them. */
export interface ConjunctRange {
  readonly conjunct: number;
  readonly intervals: readonly Interval[];
  readonly exact: boolean;
}

/**
 * The most intervals a complement (`ne`, `notIn`) may take a bounded range to: within them a read
 * skips the excluded values' rows for a few ranges more (a rule's `status <> 'archived'` beside a
 * `where` range on `status` reads no archived row); past them, one range of the bounds reads the
 * rows and the complement is tested in memory, rather than a range per excluded value.
 */
export const MAX_COMPLEMENT_INTERVALS = 16;

/**
 * What the range conditions on one field allow together, as each is a necessary condition of the
 * AND: the intersection of their intervals (`path LIKE 'mal/%' AND path LIKE 'mal/payroll/%'` reads
 * the second prefix; `path LIKE 'mal/%' AND path >= 'vic/x'` no interval, a read of nothing). So a
 * rule's range bounds a `where`'s range on its field, and a narrower `where` range bounds the
 * rule's, whichever comes first in the filter. The one-interval conditions are intersected first
 * (the `core`), then the complements, fewest intervals first, each while the intersection stays
 * within {@link MAX_COMPLEMENT_INTERVALS} (within {@link MAX_RANGES} without bounds, where there
 * is no one range to read instead); a complement past it is left out of the intersection and
 * residual to the read. The intersection comes first (the one an index reads), then each
 * condition left out of it, on its own.
 */
export function fieldRange(ranges: readonly ConjunctRange[], params: readonly Value[]): RangeCondition[] {
  // A range bounded by a param (a value bound later: an embedded `$count`'s row value) on a side
  // another range bounds too is not ordered against it, its value unknown: the others are read, it
  // is residual beside them. (`{ gte: P1, lte: P2 }` intersects: no side is compared.)
  const unknown = ranges.length > 1 ? ranges.filter((range) => paramMeetsBound(range, ranges, params)) : [];
  const known = unknown.length > 0 ? ranges.filter((range) => !unknown.includes(range)) : ranges;
  const single = known.filter(({ intervals }) => intervals.length === 1);
  const complements = known
    .filter(({ intervals }) => intervals.length !== 1)
    .sort((a, b) => a.intervals.length - b.intervals.length);
  const cap = single.length > 0 ? MAX_COMPLEMENT_INTERVALS : MAX_RANGES;
  const used: ConjunctRange[] = [];
  const left: RangeCondition[] = [];
  let intervals: readonly Interval[] | undefined;
  for (const range of single) {
    intervals = intervals ? intersectIntervals(intervals, range.intervals, params) : range.intervals;
    used.push(range);
  }
  const core = intervals && conditionOf(used, intervals);
  for (const range of complements) {
    const both = intervals ? intersectIntervals(intervals, range.intervals, params) : range.intervals;
    if (both.length > cap) {
      left.push(conditionOf([range], range.intervals));
      continue;
    }
    used.push(range);
    intervals = both;
  }
  for (const range of unknown) left.push(conditionOf([range], range.intervals));
  const read = conditionOf(used, intervals ?? []);
  const withCore = core && used.length > single.length ? { ...read, core } : read;
  return used.length > 0 ? [withCore, ...left] : left;
}

/**
 * True when `range` has a bound holding a param on a side another of `ranges` bounds too (by a
 * value: a lower bound of null only leaves nulls out, which a param's value, never null, does too).
 */
function paramMeetsBound(range: ConjunctRange, ranges: readonly ConjunctRange[], params: readonly Value[]): boolean {
  if (params.length === 0) return false;
  return (['lower', 'upper'] as const).some(
    (side) =>
      range.intervals.some((interval) => interval[side] !== undefined && params.includes(interval[side].value)) &&
      ranges.some(
        (other) =>
          other !== range &&
          other.intervals.some((interval) => interval[side] !== undefined && interval[side].value !== null),
      ),
  );
}

/** The range condition of the conjuncts `used`, whose intersection is `intervals`. */
function conditionOf(used: readonly ConjunctRange[], intervals: readonly Interval[]): RangeCondition {
  const conjuncts = used.map(({ conjunct }) => conjunct);
  const exact = used.filter((range) => range.exact).map(({ conjunct }) => conjunct);
  return { conjuncts, intervals, exact };
}
