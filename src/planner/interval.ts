import { compareValues, type Value } from 'convex/values';
import type { Bound, Interval } from './types.js';

/**
 * Where `value` stands against `interval` in Convex's value order (`compareValues`, the order an
 * index range is read in and a filter compares with a constant): -1 below it, 1 above it, 0
 * inside. `undefined` is an absent field, which Convex orders before `null`.
 */
export function sideOf(value: Value | undefined, { lower, upper }: Interval): -1 | 0 | 1 {
  if (lower !== undefined && outside(compareValues(value, lower.value), -1, lower.inclusive)) return -1;
  if (upper !== undefined && outside(compareValues(value, upper.value), 1, upper.inclusive)) return 1;
  return 0;
}

/**
 * True when `value` is inside one interval of each of `limits` (the range conditions on one
 * field, each as its intervals): outside one of them, it passes none of the rows the range
 * condition allows.
 */
export function insideEach(value: Value | undefined, limits: readonly (readonly Interval[])[]): boolean {
  return limits.every((intervals) => intervals.some((interval) => sideOf(value, interval) === 0));
}

/** True when a comparison with a bound (any negative, zero or positive number) puts the value past it on `side`. */
const outside = (order: number, side: -1 | 1, inclusive: boolean) =>
  Math.sign(order) === side || (order === 0 && !inclusive);

/**
 * The tighter of two lower bounds (`side` 'lower') or two upper ones: the one further inward, the
 * exclusive one when both hold one value. A missing bound is open, the loosest.
 */
function tighter(a: Bound | undefined, b: Bound | undefined, side: 'lower' | 'upper'): Bound | undefined {
  if (!a || !b) return a ?? b;
  const inward = compareValues(a.value, b.value) * (side === 'lower' ? 1 : -1);
  if (inward !== 0) return inward > 0 ? a : b;
  return a.inclusive ? b : a;
}

/** True when a bound of `interval` holds one of `params` (a value bound after planning, not comparable now). */
export const holdsParamBound = ({ lower, upper }: Interval, params: readonly Value[]): boolean =>
  (lower !== undefined && params.includes(lower.value)) || (upper !== undefined && params.includes(upper.value));

/**
 * True when no value is inside `interval`. A bound holding one of `params` (a value bound after
 * planning: a prepared query's `{ gt: placeholder }`) is not compared: its value is not known.
 */
export function holdsNoValue(interval: Interval, params: readonly Value[] = []): boolean {
  const { lower, upper } = interval;
  if (!lower || !upper || holdsParamBound(interval, params)) return false;
  const order = compareValues(lower.value, upper.value);
  return order > 0 || (order === 0 && !(lower.inclusive && upper.inclusive));
}

/**
 * The intervals both `a` and `b` allow, each list sorted and disjoint (as a range condition's are:
 * one interval, or a complement's): sorted and disjoint too, empty when no value is in both. One
 * walk over both lists, as a merge: the interval that ends first meets nothing further of the other.
 */
export function intersectIntervals(
  a: readonly Interval[],
  b: readonly Interval[],
  params: readonly Value[],
): Interval[] {
  const both: Interval[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const [x, y] = [a[i]!, b[j]!];
    const lower = tighter(x.lower, y.lower, 'lower');
    const upper = tighter(x.upper, y.upper, 'upper');
    const interval = { ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
    if (!holdsNoValue(interval, params)) both.push(interval);
    if (upper === x.upper) i++;
    else j++;
  }
  return both;
}

/** `a` before `b` by their lower bounds: an open one first, an inclusive one before an exclusive one of the same value. */
function byLower(a: Interval, b: Interval): number {
  if (!a.lower || !b.lower) return (a.lower ? 1 : 0) - (b.lower ? 1 : 0);
  return compareValues(a.lower.value, b.lower.value) || Number(b.lower.inclusive) - Number(a.lower.inclusive);
}

/** True when an interval ending at `upper` and one starting at `lower` (not before it) leave no value between them. */
function meets(upper: Bound | undefined, lower: Bound | undefined): boolean {
  if (!upper || !lower) return true;
  const order = compareValues(lower.value, upper.value);
  return order < 0 || (order === 0 && (lower.inclusive || upper.inclusive));
}

/** The looser of two upper bounds: the one further out, the inclusive one when both hold one value; a missing one is open. */
function looserUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return undefined;
  const order = compareValues(a.value, b.value);
  if (order !== 0) return order > 0 ? a : b;
  return a.inclusive ? a : b;
}

/**
 * The values any of `intervals` allows (an `OR` of range conditions on one field), sorted and
 * disjoint: sorted by their lower bounds, each merged into the one before it when they overlap or
 * touch.
 */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
  const union: Interval[] = [];
  for (const interval of [...intervals].sort(byLower)) {
    const last = union[union.length - 1];
    if (!last || !meets(last.upper, interval.lower)) {
      union.push(interval);
      continue;
    }
    const upper = looserUpper(last.upper, interval.upper);
    union[union.length - 1] = { ...(last.lower ? { lower: last.lower } : {}), ...(upper ? { upper } : {}) };
  }
  return union;
}
