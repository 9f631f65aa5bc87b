import type { EmptyFilter } from '../../filter/emptyFilter.js';
import type { Placeholder } from '../../filter/placeholder.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { AnyTable } from '../../schema/table.js';
import type { ColumnKeys, RowOf } from './columns.js';
import type { RelationsFilter } from './where.js';

type Columns<T extends AnyTable> = T['_']['columns'];

/** Columns `_sum` / `_avg` take: `number()` and `integer()`. */
export type NumericKeys<T extends AnyTable> = {
  [K in keyof Columns<T> & string]: Columns<T>[K]['_']['kind'] extends 'number' | 'integer' ? K : never;
}[keyof Columns<T> & string];

/** Columns `_min` / `_max` take: orderable ones (not booleans, objects, arrays, bytes or json). */
export type OrderedKeys<T extends AnyTable> =
  | {
      [K in keyof Columns<T> & string]: Columns<T>[K]['_']['kind'] extends
        | 'text'
        | 'textEnum'
        | 'integer'
        | 'number'
        | 'bigint'
        | 'timestamp'
        | 'date'
        | 'id'
        ? K
        : never;
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

/** `aggregate(config)`. */
export interface AggregateConfig<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig>
  extends AggregateFields<TConfig['table']> {
  where?: RelationsFilter<TSchema, TConfig, Placeholder> | EmptyFilter;
  scanBudget?: number;
  /** Include soft-deleted rows (never served by an aggregate index: its buckets hold live rows). */
  withDeleted?: boolean;
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
  limit?: number;
}

type Picked<TTable extends AnyTable, TFields, TValue> = {
  [K in keyof TFields & string]: TValue extends 'data'
    ? NonNullable<RowOf<TTable>[K & keyof RowOf<TTable>]> | null
    : TValue;
};

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What an aggregate config returns: only the requested keys; sums and averages `number | null`. */
export type AggregateResult<TConfig extends TableRelationalConfig, TQuery> = Simplify<
  (TQuery extends { _count: true } ? { _count: number } : {}) &
    (TQuery extends { _sum: infer F } ? { _sum: Picked<TConfig['table'], F, number | null> } : {}) &
    (TQuery extends { _avg: infer F } ? { _avg: Picked<TConfig['table'], F, number | null> } : {}) &
    (TQuery extends { _min: infer F } ? { _min: Picked<TConfig['table'], F, 'data'> } : {}) &
    (TQuery extends { _max: infer F } ? { _max: Picked<TConfig['table'], F, 'data'> } : {})
>;

/** One `groupBy` row: the `by` columns' values and the requested aggregates. */
export type GroupByResult<TConfig extends TableRelationalConfig, TQuery> = Simplify<
  (TQuery extends { by: readonly (infer K)[] }
    ? { [F in K & string]: RowOf<TConfig['table']>[F & keyof RowOf<TConfig['table']>] }
    : {}) &
    AggregateResult<TConfig, TQuery>
>;
