import { compareValues, type Value } from 'convex/values';
import { decodeColumnValue } from '../schema/codec.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import type { BucketTotals } from './buckets.js';
import type { AggregateSpec } from './spec.js';

/** Everything an aggregate result is made of: count, `[sum, non-null count]` per field, extremes. */
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
  for (const [field, [sum, n]] of Object.entries(more.sums)) {
    const [oldSum, oldN] = totals.sums[field] ?? [0, 0];
    totals.sums[field] = [oldSum + sum, oldN + n];
  }
}

/** Adds one row (the bounded-scan path): counted, summed, and compared for min/max; nulls ignored. */
export function addRowTotals(totals: Totals, spec: AggregateSpec, row: Record<string, unknown>): void {
  totals.count += 1;
  for (const field of new Set([...spec.sum, ...spec.avg])) {
    const value = row[field];
    if (typeof value !== 'number') continue;
    const [sum, n] = totals.sums[field] ?? [0, 0];
    totals.sums[field] = [sum + value, n + 1];
  }
  const extreme = (target: Record<string, Value | null>, field: string, sign: 1 | -1) => {
    const value = row[field] as Value | undefined;
    if (value === undefined || value === null) return;
    const current = target[field];
    if (current === undefined || current === null || sign * compareValues(value, current) < 0) target[field] = value;
  };
  for (const field of spec.min) extreme(totals.min, field, 1);
  for (const field of spec.max) extreme(totals.max, field, -1);
}

type Shaped = Record<string, number | Record<string, unknown>>;

/**
 * The result of an aggregate read, SQL style: `_count` a number, `_sum` and
 * `_avg` null when no row has a value, `_min`/`_max` null when none, decoded
 * like a read column. Only the keys the spec asked for.
 */
export function shapeTotals(table: TableConfig, spec: AggregateSpec, totals: Totals): Shaped {
  const result: Shaped = {};
  if (spec.count) result._count = totals.count;
  const per = (fields: readonly string[], value: (field: string) => unknown) =>
    Object.fromEntries(fields.map((field) => [field, value(field)]));
  const decode = (field: string, value: Value | null | undefined) =>
    value === undefined || value === null ? null : decodeColumnValue(columnOf(table, field)!.definition, value);
  if (spec.sum.length) result._sum = per(spec.sum, (f) => (totals.sums[f]?.[1] ? totals.sums[f][0] : null));
  if (spec.avg.length) {
    result._avg = per(spec.avg, (f) => (totals.sums[f]?.[1] ? totals.sums[f][0] / totals.sums[f][1] : null));
  }
  if (spec.min.length) result._min = per(spec.min, (f) => decode(f, totals.min[f]));
  if (spec.max.length) result._max = per(spec.max, (f) => decode(f, totals.max[f]));
  return result;
}
