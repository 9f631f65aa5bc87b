import type { RowOf } from '../query/types/columns.js';
import type { AnyColumn, Column, ColumnSelectType, ColumnTypeConfig } from '../schema/column.js';
import type { Simplify } from '../schema/columns.js';
import type { AnyTable, ScopeName } from '../schema/table.js';
import type { AGGREGATE_TABLE, AggregateTable } from './aggregates.js';
import type { CountQuery } from './count.js';
import type { JoinKind } from './state.js';

/** Whether a table's row may be missing from a result row (Drizzle's `JoinNullability`). */
export type JoinNullability = 'nullable' | 'not-null';

/** The tables of a select by the name they go by (an alias, or the Convex table name). */
export type SelectTables = Record<string, AnyTable>;

/**
 * The table names the columns of a select may have in its selection, `having()` and order: its
 * tables, by the names they go by, and aggregates of their columns (`where()`, ON conditions and
 * `groupBy()` take its tables' columns only).
 * Any other table's column is `INVALID_QUERY` ("... is not in the select; join it first").
 */
export type ScopeTables<TTables extends SelectTables> = ScopeOf<keyof TTables & string>;

/** {@link ScopeTables} by the tables' names. */
export type ScopeOf<TNames extends string> = TNames | typeof AGGREGATE_TABLE | AggregateTable<TNames>;

/** A column (or aggregate) a select with tables `TTables` may use. */
export type ScopedColumn<TTables extends SelectTables> = Column<ColumnTypeConfig, ScopeTables<TTables>, string>;

/** The nullability of each table of a select by name. */
export type NullabilityMap = Record<string, JoinNullability>;

/** What `select({ ... })` takes: result keys to columns, aggregates (`count()`, `sum(posts.views)`) or `db.$count(...)`s. */
export type SelectFields = Record<string, AnyColumn | CountQuery<string>>;

/** What `select({})` is typed as: nothing fits, as it rejects (`INVALID_QUERY`). */
interface EmptySelection {
  readonly 'select({}) selects nothing: name at least one column, or call select() for whole rows': never;
}

/**
 * What `select({})` returns, typed so that nothing runs it: `from()` takes no table. An overload
 * of its own, matched by an object of no column only: a check of the selection's keys would be a
 * conditional type, which a selection typed by a type parameter (a generic helper's) never passes.
 */
export interface EmptySelect {
  from(table: EmptySelection): never;
}

/**
 * What only `select({})` matches: an object whose every key (it has none) holds no column, and not
 * `any` (a selection typed `any` is checked at run time, as any other: `0 extends 1 & T` holds for
 * `any` alone, which then fits no parameter of this overload).
 */
export type NoFields<T> = T & Readonly<Record<string, never>> & ([0] extends [1 & T] ? never : unknown);

/** What `groupBy()` of a select of whole rows takes: nothing fits, as it rejects (`INVALID_QUERY`). */
interface WholeRowsGrouped {
  readonly 'a grouped select names its fields: select({ authorId: posts.authorId, n: count() })': never;
}

/** What `groupBy()` takes: columns of the select's tables (not aggregates), given a selection to group. */
export type GroupByColumns<
  TSelection extends SelectFields | undefined,
  TTables extends SelectTables,
> = TSelection extends SelectFields
  ? Column<ColumnTypeConfig, keyof TTables & string, string>[]
  : [grouped: WholeRowsGrouped];

/** The nullability map after a join (Drizzle's `AppendToNullabilityMap`). */
export type AppendNullability<TMap extends NullabilityMap, TName extends string, TKind extends JoinKind> = Simplify<
  TKind extends 'inner'
    ? TMap & { [K in TName]: 'not-null' }
    : TKind extends 'left'
      ? TMap & { [K in TName]: 'nullable' }
      : TKind extends 'right'
        ? { [K in keyof TMap]: 'nullable' } & { [K in TName]: 'not-null' }
        : { [K in keyof TMap]: 'nullable' } & { [K in TName]: 'nullable' }
>;

/** The tables after a join. */
export type AppendTable<TTables extends SelectTables, T extends AnyTable> = Simplify<
  TTables & { [K in ScopeName<T>]: T }
>;

type Nullable<TValue, TNullability> = TNullability extends 'nullable' ? TValue | null : TValue;

/** A selected column's value: its own type, `| null` when its table is nullable in the join (aggregates keep theirs); a `$count`'s, a number. */
type FieldResult<C extends AnyColumn | CountQuery<string>, TMap extends NullabilityMap> = C extends AnyColumn
  ? Nullable<ColumnSelectType<C['_']>, C['_table'] extends keyof TMap ? TMap[C['_table']] : 'not-null'>
  : number;

/**
 * One result row (Drizzle's `SelectResult`): with a selection, its keys
 * typed by their columns; without one, the row of the single table, or
 * with joins each table's row by table name, `| null` per nullability.
 */
export type SelectResult<
  TFrom extends AnyTable,
  TSelection extends SelectFields | undefined,
  TTables extends SelectTables,
  TMap extends NullabilityMap,
> = TSelection extends SelectFields
  ? Simplify<{ -readonly [K in keyof TSelection]: FieldResult<TSelection[K], TMap> }>
  : [Exclude<keyof TTables, ScopeName<TFrom>>] extends [never]
    ? RowOf<TFrom>
    : Simplify<{ [K in keyof TTables]: Nullable<RowOf<TTables[K]>, TMap[K & keyof TMap]> }>;

/** Drizzle's `SelectWithout`: a method used once is gone from the builder unless it is `$dynamic()`. */
export type SelectWithout<T, TDynamic extends boolean, K extends PropertyKey> = TDynamic extends true
  ? T
  : Omit<T, K & keyof T>;
