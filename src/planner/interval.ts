import { compareValues, type Value } from 'convex/values';
import type { Interval } from './types.js';

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
