import type { Value } from 'convex/values';
import { hasOwn } from '../hasOwn.js';

/**
 * An exact sum of float64 values, or of int64s (a `bigint()` column's), as the aggregate buckets
 * keep it and the bounded scan computes it, so a served `_sum` equals the scanned one whatever
 * rows came and went, in any order.
 *
 * Every finite float64 is a whole multiple of 2^-1074 (the smallest
 * subnormal), so the finite values add up exactly as a bigint of those units:
 * removing a value undoes adding it, bit for bit. An int64 `v` is `v << 1074` units, exactly, so
 * a `bigint()` column's buckets are stored and read as a number column's are. Non-finite values are
 * tallied apart. A number column's result is the exact sum rounded once to the nearest
 * float64, ties to even (as Python's `math.fsum`): a NaN value makes it NaN,
 * +Infinity and -Infinity together NaN, either alone that infinity; a `bigint()` column's is the
 * exact bigint (`int64Total`).
 */
export interface ExactSum {
  /** How many values are summed (non-null numbers or int64s). */
  count: number;
  /** The finite values' sum in units of 2^-1074. */
  units: bigint;
  /** How many values are +Infinity, -Infinity and NaN. */
  nonFinite: [number, number, number];
}

/** The sum of no values. */
export function emptySum(): ExactSum {
  return { count: 0, units: 0n, nonFinite: [0, 0, 0] };
}

/** `value` in units of 2^-1074, exactly: its significand shifted by its exponent. */
function unitsOf(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Normal: (2^52 + fraction) * 2^(exponent - 1075); subnormal: fraction * 2^-1074.
  const units = exponent === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(exponent - 1);
  return bits >> 63n ? -units : units;
}

/**
 * The sum of `field` in `sums`, an empty one added when there is none: an own entry, as a column
 * may be named `valueOf`, which `sums[field] ??= ...` would find on Object.prototype.
 */
export function fieldSum(sums: Record<string, ExactSum>, field: string): ExactSum {
  if (!hasOwn(sums, field)) sums[field] = emptySum();
  return sums[field]!;
}

/** An int64 in units of 2^-1074. */
const INT64_SHIFT = 1074n;

/** Adds (`sign` 1) or removes (-1) one value: a float64, or an int64 (`v << 1074` units). */
export function addValue(sum: ExactSum, value: number | bigint, sign: 1 | -1): void {
  sum.count += sign;
  if (typeof value === 'bigint') sum.units += sign === 1 ? value << INT64_SHIFT : -(value << INT64_SHIFT);
  else if (Number.isFinite(value)) sum.units += sign === 1 ? unitsOf(value) : -unitsOf(value);
  else sum.nonFinite[Number.isNaN(value) ? 2 : value > 0 ? 0 : 1] += sign;
}

/**
 * Adds (`sign` 1) or removes (-1) a row's value of a summed field, if it has one: a number or a
 * bigint (a `bigint()` column's); a null or absent value is not summed, as in SQL.
 */
export function addFieldValue(sums: Record<string, ExactSum>, field: string, value: unknown, sign: 1 | -1): void {
  if (typeof value === 'number' || typeof value === 'bigint') addValue(fieldSum(sums, field), value, sign);
}

/**
 * The exact sum of int64s (a `bigint()` column's), as Postgres sums int8 to a numeric: each added
 * `v << 1074` units, so the shift back drops nothing (it may be past int64; the caller says so).
 */
export function int64Total(sum: ExactSum): bigint {
  return sum.units >> INT64_SHIFT;
}

/** Adds another sum's values (another bucket's, another row change's). */
export function addSum(sum: ExactSum, more: ExactSum): void {
  sum.count += more.count;
  sum.units += more.units;
  for (let i = 0; i < 3; i++) sum.nonFinite[i]! += more.nonFinite[i]!;
}

/** True when the sum holds nothing (a change that adds and removes the same values). */
export function isEmptySum(sum: ExactSum): boolean {
  return sum.count === 0 && sum.units === 0n && sum.nonFinite.every((n) => n === 0);
}

/** `x * 2^exponent` in two exact steps (a power of two past ±1023 is no float64). */
function scale(x: number, exponent: number): number {
  const half = Math.trunc(exponent / 2);
  return x * 2 ** half * 2 ** (exponent - half);
}

/**
 * `units * 2^(-1074 - guard)` rounded once to the nearest float64, ties to even: 53 significant
 * bits kept (the float64 grid at this magnitude, never finer than 2^-1074, so at least `guard`
 * bits are dropped), the rest rounded.
 */
function roundUnits(units: bigint, guard: number): number {
  const magnitude = units < 0n ? -units : units;
  const dropped = Math.max(magnitude.toString(2).length - 53, guard, 0);
  let kept = magnitude >> BigInt(dropped);
  if (dropped > 0) {
    const rest = magnitude - (kept << BigInt(dropped));
    const half = 1n << BigInt(dropped - 1);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
  }
  const value = scale(Number(kept), dropped - guard - 1074);
  return units < 0n ? -value : value;
}

/** The sum's non-finite result (any NaN, or both infinities: NaN; else that infinity), or null when its values are finite. */
function nonFiniteTotal(sum: ExactSum): number | null {
  const [positive, negative, nan] = sum.nonFinite;
  if (nan > 0 || (positive > 0 && negative > 0)) return Number.NaN;
  if (positive > 0) return Infinity;
  if (negative > 0) return -Infinity;
  return null;
}

/** The sum as a float64: the exact sum rounded once, to nearest, ties to even. */
export function roundSum(sum: ExactSum): number {
  return nonFiniteTotal(sum) ?? roundUnits(sum.units, 0);
}

/** Guard bits below the 2^-1074 grid: with at least two dropped, a sticky lowest bit rounds a quotient right. */
const MEAN_GUARD = 2;

/**
 * The mean of a sum's values as a float64: the exact sum divided exactly and rounded once (as
 * Postgres divides the numeric sum of int8; the rounded sum over the count would round twice); a
 * non-finite sum's mean is that NaN or infinity. The quotient is taken with two guard bits and a
 * remainder sets its lowest bit, so a quotient just past a tie rounds away from it.
 */
export function roundMean(sum: ExactSum): number {
  const nonFinite = nonFiniteTotal(sum);
  if (nonFinite !== null) return nonFinite;
  const magnitude = (sum.units < 0n ? -sum.units : sum.units) << BigInt(MEAN_GUARD);
  const divisor = BigInt(sum.count);
  const quotient = magnitude / divisor;
  const units = magnitude % divisor === 0n ? quotient : quotient | 1n;
  return roundUnits(sum.units < 0n ? -units : units, MEAN_GUARD);
}

/**
 * The `sum` or `avg` of a column's non-null values as Postgres computes it, null when there are
 * none: a `bigint()` column's int64s add up exactly to a bigint (Postgres sums int8 as a numeric);
 * numbers are summed exactly and rounded once, so the result does not depend on the rows' order;
 * a mean is the exact sum divided exactly and rounded once (`roundMean`).
 */
export function totalOf(fn: 'sum' | 'avg', values: readonly Value[]): number | bigint | null {
  const sum = emptySum();
  let int64s = true;
  for (const value of values) {
    if (typeof value !== 'number' && typeof value !== 'bigint') continue;
    addValue(sum, value, 1);
    int64s &&= typeof value === 'bigint';
  }
  if (sum.count === 0) return null;
  if (fn === 'avg') return roundMean(sum);
  return int64s ? int64Total(sum) : roundSum(sum);
}

const LIMB_BITS = 48n;
const LIMB = 1n << LIMB_BITS;
/** Stored before the limbs: count, the three non-finite tallies, the first limb's place. */
const HEADER = 5;
/**
 * The most limbs a sum takes: |units| < 2^53 values * 2^1024 * 2^1074. An int64 sum stays far
 * below: |v| <= 2^63 is at most 2^1137 units, 2^53 of them under 2^1190.
 */
const MAX_LIMBS = Math.ceil((53 + 1024 + 1074) / Number(LIMB_BITS));

/**
 * The longest stored sum: a bucket document's size is bounded with it. Its
 * numbers are `[count, +Infinity count, -Infinity count, NaN count, place,
 * ...limbs]`: `units` is the sum of `limbs[i] * 2^(48 * (place + i))`, each
 * limb under 2^48 and signed as the sum, so every number is exact in a float64.
 */
export const MAX_STORED_SUM_LENGTH = HEADER + MAX_LIMBS;

/** The sum as a bucket stores it (see {@link MAX_STORED_SUM_LENGTH}). */
export function encodeSum(sum: ExactSum): number[] {
  const sign = sum.units < 0n ? -1n : 1n;
  let magnitude = sign * sum.units;
  let place = 0;
  for (; magnitude !== 0n && magnitude % LIMB === 0n; place++) magnitude /= LIMB;
  const limbs: number[] = [];
  for (; magnitude !== 0n; magnitude /= LIMB) limbs.push(Number(sign * (magnitude % LIMB)));
  return [sum.count, ...sum.nonFinite, place, ...limbs];
}

/** A sum as a bucket stored it. */
export function decodeSum(stored: readonly number[]): ExactSum {
  const [count = 0, positive = 0, negative = 0, nan = 0, place = 0] = stored;
  let units = 0n;
  for (let i = stored.length - 1; i >= HEADER; i--) units = units * LIMB + BigInt(stored[i]!);
  return { count, units: units * LIMB ** BigInt(place), nonFinite: [positive, negative, nan] };
}
