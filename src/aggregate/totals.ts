import { compareValues, type Value } from 'convex/values';
import { ownField, storedField } from '../ownField.js';
import { decodeColumnValue } from '../schema/codec.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import type { BucketTotals } from './buckets.js';
import { addFieldValue, addSum, fieldSum, int64Total, roundMean, roundSum } from './exactSum.js';
import { returnableInt64Sum } from './int64Sum.js';
import type { AggregateSpec } from './spec.js';

/** Everything an aggregate result is made of: count, the exact sum per field, extremes. */
export interface Totals extends BucketTotals {
  min: Record<string, Value | null>;
  max: Record<string, Value | null>;
}

/** Empty totals: no rows. */
export function emptyTotals(): Totals {
  return { count: 0, sums: {}, min: {}, max: {} };
}

/** Adds a bucket's (or another group's) count and sums to `totals`. */
export function addTotals(totals: Totals, more: BucketTotals): void {
  totals.count += more.count;
  for (const [field, sum] of Object.entries(more.sums)) {
    addSum(fieldSum(totals.sums, field), sum);
  }
}

/** Adds one row (the bounded-scan path): counted, summed, and compared for min/max; nulls ignored. */
export function addRowTotals(totals: Totals, spec: AggregateSpec, row: Record<string, unknown>): void {
  totals.count += 1;
  for (const field of new Set([...spec.sum, ...spec.avg]))
    addFieldValue(totals.sums, field, storedField(row, field), 1);
  for (const field of spec.min) keepExtreme(totals.min, field, storedField(row, field) as Value | undefined, 1);
  for (const field of spec.max) keepExtreme(totals.max, field, storedField(row, field) as Value | undefined, -1);
}

/** Keeps `value` in `target[field]` when it is the smallest (`sign` 1) or largest (-1) so far; nulls ignored. */
function keepExtreme(
  target: Record<string, Value | null>,
  field: string,
  value: Value | null | undefined,
  sign: 1 | -1,
): void {
  if (value === undefined || value === null) return;
  const current = ownField(target, field);
  if (current === undefined || current === null || sign * compareValues(value, current) < 0) target[field] = value;
}

type Shaped = Record<string, number | Record<string, unknown>>;

/**
 * The result of an aggregate read, SQL style: `_count` a number, `_sum` and
 * `_avg` null when no row has a value, `_min`/`_max` null when none, decoded
 * like a read column. Only the keys the spec asked for. A `bigint()` column's `_sum` past int64
 * is `RESULT_TOO_LARGE` (`returnableInt64Sum`).
 */
export function shapeTotals(table: TableConfig, spec: AggregateSpec, totals: Totals): Shaped {
  const result: Shaped = {};
  if (spec.count) result._count = totals.count;
  if (spec.sum.length) result._sum = perField(spec.sum, (f) => returnableSum(table, totals, f));
  if (spec.avg.length) result._avg = perField(spec.avg, (f) => averageTotal(totals, f));
  if (spec.min.length) result._min = perField(spec.min, (f) => decodeTotal(table, f, ownField(totals.min, f)));
  if (spec.max.length) result._max = perField(spec.max, (f) => decodeTotal(table, f, ownField(totals.max, f)));
  return result;
}

/** True for a `bigint()` column, whose values are int64s: its sum is the exact bigint. */
function isInt64(table: TableConfig, field: string): boolean {
  return columnOf(table, field)!.definition.kind === 'bigint';
}

/**
 * The `_sum` of a field, null when no row has a value (SQL): a number column's exact sum rounded
 * once; a `bigint()` column's exact sum as a bigint, as Postgres sums int8 to a numeric (it may be
 * past int64: groups are ordered by it, a result returns it through `returnableSum`).
 */
export function sumTotal(table: TableConfig, totals: BucketTotals, field: string): number | bigint | null {
  const sum = ownField(totals.sums, field);
  if (!sum?.count) return null;
  return isInt64(table, field) ? int64Total(sum) : roundSum(sum);
}

function returnableSum(table: TableConfig, totals: BucketTotals, field: string): number | bigint | null {
  const total = sumTotal(table, totals, field);
  return typeof total === 'bigint' ? returnableInt64Sum(total, `_sum.${field}`, table.name) : total;
}

/**
 * The `_avg` of a field, null when no row has a value: the exact sum of its values (numbers or a
 * `bigint()` column's int64s, in the same units) divided exactly by their count and rounded once,
 * as Postgres's numeric mean of int8 (`roundMean`).
 */
export function averageTotal(totals: BucketTotals, field: string): number | null {
  const sum = ownField(totals.sums, field);
  return sum?.count ? roundMean(sum) : null;
}

function perField(fields: readonly string[], value: (field: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(fields.map((field) => [field, value(field)]));
}

/** A min/max as a read returns the column: decoded, null when no row had a value. */
function decodeTotal(table: TableConfig, field: string, value: Value | null | undefined): unknown {
  return value === undefined || value === null ? null : decodeColumnValue(columnOf(table, field)!.definition, value);
}
