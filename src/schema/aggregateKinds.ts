import type { ColumnKind } from './column.js';

const numberKinds = ['integer', 'number'] as const satisfies readonly ColumnKind[];
/** The kinds whose values `sum` and `avg` add up as numbers: `number()` and `integer()`. */
export type NumberKind = (typeof numberKinds)[number];

const summedKinds = [...numberKinds, 'bigint'] as const satisfies readonly ColumnKind[];
/**
 * The kinds `sum` and `avg` take, in `db.select()`, `_sum`/`_avg` of `db.query.x.aggregate` and
 * `groupBy`, an aggregate index's `.sum()`/`.avg()` and `avg` of relation orders: the number kinds plus
 * `bigint()`, whose int64s Postgres sums exactly (int8); not a timestamp (Postgres has no sum or avg of one).
 */
export type SummedKind = (typeof summedKinds)[number];
export const SUMMED_KINDS: readonly ColumnKind[] = summedKinds;

const minMaxKinds = [
  'text',
  'textEnum',
  'integer',
  'number',
  'bigint',
  'bytes',
  'timestamp',
  'date',
  'id',
  'array',
  'creationTime',
] as const satisfies readonly ColumnKind[];
/**
 * The kinds whose values `min` and `max` order, in `db.select()` and `db.query.x.aggregate` alike:
 * those Postgres has a `min`/`max` of (text, numbers, timestamps, dates, `bytea`, arrays), not a
 * boolean, a json or object one (jsonb: "function max(jsonb) does not exist"), a vector or a custom one.
 */
export type MinMaxKind = (typeof minMaxKinds)[number];
export const MIN_MAX_KINDS: readonly ColumnKind[] = minMaxKinds;
