import type { Value } from 'convex/values';
import { MAX_RANGES } from './chooseIndex.js';
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
}

/** One conjunct's range condition: its position, its intervals (sorted, disjoint), `exact` when it says no more than them. */
export interface ConjunctRange {
  readonly conjunct: number;
  readonly intervals: readonly Interval[];
  readonly exact: boolean;
}

/**
 * What the range conditions on one field allow together: the intersection of their intervals, as
 * each is a necessary condition of the AND (`path LIKE 'mal/%' AND path LIKE 'mal/payroll/%'` reads
 * the second prefix; `path LIKE 'mal/%' AND path >= 'vic/x'` no interval, a read of nothing). So a
 * rule's range bounds a `where`'s range on its field, and a narrower `where` range bounds the
 * rule's, whichever comes first in the filter. One-interval conditions are intersected first: they
 * never add intervals. A later condition that would take the intersection past {@link MAX_RANGES}
 * intervals, more than one transaction reads (a long `notIn` inside `gte`/`lte`), is left out of it
 * and residual to the read, as the read without it can run. The intersection comes first (the one
 * an index reads), then each condition left out of it, on its own.
 */
export function fieldRange(ranges: readonly ConjunctRange[], params: readonly Value[]): RangeCondition[] {
  const [first, ...rest] = [...ranges].sort((a, b) => oneInterval(b) - oneInterval(a));
  const used = [first!];
  const left: RangeCondition[] = [];
  let intervals = first!.intervals;
  for (const range of rest) {
    const both = intersectIntervals(intervals, range.intervals, params);
    if (both.length > MAX_RANGES) {
      left.push({
        conjuncts: [range.conjunct],
        intervals: range.intervals,
        exact: range.exact ? [range.conjunct] : [],
      });
      continue;
    }
    used.push(range);
    intervals = both;
  }
  const conjuncts = used.map(({ conjunct }) => conjunct);
  const exact = used.filter((range) => range.exact).map(({ conjunct }) => conjunct);
  return [{ conjuncts, intervals, exact }, ...left];
}

/** 1 for a range condition of one interval, 0 for a complement of several: sorted by it, the first come first. */
const oneInterval = ({ intervals }: ConjunctRange) => (intervals.length === 1 ? 1 : 0);
