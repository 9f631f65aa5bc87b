import type { EmptyFilter } from '../../filter/emptyFilter.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { MinMaxKind, SummedKind } from '../../schema/aggregateKinds.js';
import type { AnyTable } from '../../schema/table.js';
import type { ColumnKeys, RowOf } from './columns.js';
import type { RelationsFilter } from './where.js';

type Columns<T extends AnyTable> = T['_']['columns'];

/** Columns `_sum` / `_avg` take: `number()`, `integer()` and `bigint()`. */
export type NumericKeys<T extends AnyTable> = {
  [K in keyof Columns<T> & string]: Columns<T>[K]['_']['kind'] extends SummedKind ? K : never;
}[keyof Columns<T> & string];

/** Columns `_min` / `_max` take: those whose values Postgres orders (not booleans, json or objects). */
export type OrderedKeys<T extends AnyTable> =
  | {
      [K in keyof Columns<T> & string]: Columns<T>[K]['_']['kind'] extends MinMaxKind ? K : never;
    }[keyof Columns<T> & string]
  | '_creationTime';

/** The aggregate part of an `aggregate` / `groupBy` config. */
export interface AggregateFields<TTable extends AnyTable> {
  _count?: boolean;
  _sum?: { [K in NumericKeys<TTable>]?: true };
  _avg?: { [K in NumericKeys<TTable>]?: true };
  _min?: { [K in OrderedKeys<TTable>]?: true };
  _max?: { [K in OrderedKeys<TTable>]?: true };
}

/** `aggregate(config)`. It runs now (no prepared form): a placeholder in `where` is a type error. */
export interface AggregateConfig<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig>
  extends AggregateFields<TConfig['table']> {
  where?: RelationsFilter<TSchema, TConfig, never> | EmptyFilter;
  scanBudget?: number | undefined;
  /** Include soft-deleted rows (never served by an aggregate index: its buckets hold live rows). */
  withDeleted?: boolean | undefined;
}

type Direction = 'asc' | 'desc';

/** `groupBy(config)`: `by` columns, the aggregates, and an order over `by` columns and requested aggregates. */
export interface GroupByConfig<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig>
  extends AggregateConfig<TSchema, TConfig> {
  by: readonly [ColumnKeys<TConfig['table']>, ...ColumnKeys<TConfig['table']>[]];
  orderBy?: { [K in ColumnKeys<TConfig['table']>]?: Direction } & {
    _count?: Direction;
    _sum?: { [K in NumericKeys<TConfig['table']>]?: Direction };
    _avg?: { [K in NumericKeys<TConfig['table']>]?: Direction };
    _min?: { [K in OrderedKeys<TConfig['table']>]?: Direction };
    _max?: { [K in OrderedKeys<TConfig['table']>]?: Direction };
  };
  limit?: number | undefined;
}

type AggregateKey = '_sum' | '_avg' | '_min' | '_max';
type ByKeys<TQuery> = TQuery extends { by: readonly (infer K)[] } ? K : never;
type RequestedFields<TQuery, A extends AggregateKey> = TQuery extends { [P in A]: infer F } ? keyof F : never;

/**
 * The `orderBy` keys of a groupBy config that the query can sort by, each
 * typed `never` otherwise: `by` columns, `_count` when `_count: true`, and
 * the requested fields of `_sum` / `_avg` / `_min` / `_max` (the runtime
 * refuses any other with `INVALID_QUERY`). Maps the given keys only.
 */
export type GroupByOrderCheck<TQuery> = TQuery extends { orderBy: infer O }
  ? {
      orderBy: {
        [K in keyof O]: K extends ByKeys<TQuery>
          ? Direction
          : K extends '_count'
            ? TQuery extends { _count: true }
              ? Direction
              : never
            : K extends AggregateKey
              ? { [F in keyof O[K]]: F extends RequestedFields<TQuery, K> ? Direction : never }
              : never;
      };
    }
  : unknown;

/** `_sum` of a column: a `bigint()` one's is the exact bigint (Postgres's numeric sum of int8), others' a number. */
type SumOf<TTable extends AnyTable, K> =
  | (Columns<TTable>[K & keyof Columns<TTable>]['_']['kind'] extends 'bigint' ? bigint : number)
  | null;

/** Each requested field's value: its column's type (`'data'`), its `_sum`'s (`'sum'`), or `TValue`. */
type Picked<TTable extends AnyTable, TFields, TValue> = {
  [K in keyof TFields & string]: TValue extends 'data'
    ? NonNullable<RowOf<TTable>[K & keyof RowOf<TTable>]> | null
    : TValue extends 'sum'
      ? SumOf<TTable, K>
      : TValue;
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `{ [A]: fields }` when `F` names a field; an aggregate key with no fields (`_sum: {}`) asks for nothing. */
type NonEmpty<A extends AggregateKey, F, TFields> = [keyof F] extends [never] ? {} : { [K in A]: TFields };

/** `_count` when the flag is `true`, maybe when it is a `boolean` (true at run time or not). */
type CountOf<TQuery> = TQuery extends { _count: infer C }
  ? [C] extends [true]
    ? { _count: number }
    : boolean extends C
      ? { _count?: number }
      : {}
  : {};

/**
 * What an aggregate config returns: only the requested keys; sums and averages `number | null`, but
 * `_sum` of a `bigint()` column `bigint | null`.
 */
export type AggregateResult<TConfig extends TableRelationalConfig, TQuery> = Simplify<
  CountOf<TQuery> &
    (TQuery extends { _sum: infer F } ? NonEmpty<'_sum', F, Picked<TConfig['table'], F, 'sum'>> : {}) &
    (TQuery extends { _avg: infer F } ? NonEmpty<'_avg', F, Picked<TConfig['table'], F, number | null>> : {}) &
    (TQuery extends { _min: infer F } ? NonEmpty<'_min', F, Picked<TConfig['table'], F, 'data'>> : {}) &
    (TQuery extends { _max: infer F } ? NonEmpty<'_max', F, Picked<TConfig['table'], F, 'data'>> : {})
>;

/** One `groupBy` row: the `by` columns' values and the requested aggregates. */
export type GroupByResult<TConfig extends TableRelationalConfig, TQuery> = Simplify<
  (TQuery extends { by: readonly (infer K)[] }
    ? { [F in K & string]: RowOf<TConfig['table']>[F & keyof RowOf<TConfig['table']>] }
    : {}) &
    AggregateResult<TConfig, TQuery>
>;
