import { compareValues, type Value } from 'convex/values';
import type { IndexPlan, IndexRange, Interval } from './types.js';

/**
 * The chains a plan's ranges are read in: one chain, in the read's order, when every row of a
 * range comes before every row of the next in that order (the ranges differ first on one field,
 * where they do not overlap, and the read's order starts with that field: an `in` list or a
 * same-field `OR` on it, the two ranges of a `ne`), so the read opens the next range only once
 * the one before ends and stops where the consumer does, as a loop over the ranges would; else
 * each range a chain of its own, merged ({@link readIndex}).
 */
export function rangeChains(plan: IndexPlan): readonly (readonly IndexRange[])[] {
  const one = plan.ranges.length > 1 ? inReadOrder(plan) : null;
  return one ? [one] : plan.ranges.map((range) => [range]);
}

function inReadOrder(plan: IndexPlan): IndexRange[] | null {
  const { ranges, keyFields, sortKey } = plan;
  // The first key field where the ranges part; every field before it is one equal value in all.
  const at = ranges[0]!.eq.findIndex((_, i) => ranges.some((range) => !sameEq(range, ranges[0]!, i)));
  const field = at === -1 ? ranges[0]!.eq.length : at;
  if (ranges.some((range) => range.eq.length < field)) return null;
  // The order must compare that field first: the fields before it are equal in every row read.
  const compared = sortKey.find((name) => !keyFields.slice(0, field).includes(name));
  if (compared !== keyFields[field]) return null;
  const extents = ranges.map((range) => ({ range, extent: extentAt(range, field) }));
  const sign = plan.order === 'asc' ? 1 : -1;
  extents.sort((a, b) => compareStart(a.extent, b.extent, sign));
  for (let i = 1; i < extents.length; i++) {
    if (!before(extents[i - 1]!.extent, extents[i]!.extent, sign)) return null;
  }
  return extents.map(({ range }) => range);
}

const sameEq = (a: IndexRange, b: IndexRange, i: number) =>
  i < a.eq.length && i < b.eq.length && compareValues(a.eq[i], b.eq[i]) === 0;

/** A range's interval on one index field: a point (its equality there), or its own interval (bounds open when absent). */
function extentAt(range: IndexRange, field: number): Interval {
  if (range.eq.length > field) {
    const point = { value: range.eq[field] as Value, inclusive: true };
    return { lower: point, upper: point };
  }
  return range.interval ?? {};
}

/** Orders extents by where they start in the read's direction (`sign` 1 ascending, -1 descending); an open start first. */
function compareStart(a: Interval, b: Interval, sign: number): number {
  const [x, y] = sign === 1 ? [a.lower, b.lower] : [a.upper, b.upper];
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  return sign * compareValues(x.value, y.value);
}

/** True when every value of `a` comes before every value of `b` in the read's direction. */
function before(a: Interval, b: Interval, sign: number): boolean {
  const end = sign === 1 ? a.upper : a.lower;
  const start = sign === 1 ? b.lower : b.upper;
  if (!end || !start) return false;
  const order = sign * compareValues(end.value, start.value);
  return order < 0 || (order === 0 && !(end.inclusive && start.inclusive));
}
