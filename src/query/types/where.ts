import type { EmptyFilter } from '../../filter/emptyFilter.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { AnyTable } from '../../schema/table.js';
import type { ColumnData, ColumnKeys } from './columns.js';

type Primitive = string | number | bigint | boolean;
type Element<T> = T extends readonly (infer E)[] ? E : never;
type Skippable<T> = T | EmptyFilter;
/** A value, or (`P` = `Placeholder`, in queries to prepare) a placeholder of it. */
type Operand<T, P> = Skippable<T | P>;

/**
 * The operators of one field (Drizzle v1 `FieldFilter` object form). `P` is
 * `Placeholder` where placeholders may stand (query configs), else `never`.
 */
export interface FieldOperators<T, P = never> {
  eq?: Operand<T, P>;
  ne?: Operand<T, P>;
  gt?: Operand<T, P>;
  gte?: Operand<T, P>;
  lt?: Operand<T, P>;
  lte?: Operand<T, P>;
  in?: Skippable<readonly Operand<T, P>[] | P>;
  notIn?: Skippable<readonly Operand<T, P>[] | P>;
  like?: Operand<string, P>;
  notLike?: Operand<string, P>;
  ilike?: Operand<string, P>;
  notIlike?: Operand<string, P>;
  isNull?: Skippable<true>;
  isNotNull?: Skippable<true>;
  arrayContains?: Operand<readonly Element<T>[], P>;
  arrayContained?: Operand<readonly Element<T>[], P>;
  arrayOverlaps?: Operand<readonly Element<T>[], P>;
  NOT?: FieldFilter<T, P>;
  OR?: readonly FieldFilter<T, P>[];
  AND?: readonly FieldFilter<T, P>[];
}

/** A filter on one field: a primitive or a placeholder (shorthand for `eq`), operators, or `EmptyFilter`. */
export type FieldFilter<T, P = never> = (T extends Primitive ? T : never) | P | FieldOperators<T, P> | EmptyFilter;

type ColumnFilters<TTable extends AnyTable, P> = {
  [K in ColumnKeys<TTable>]?: FieldFilter<ColumnData<TTable, K>, P>;
};

/** A where-object on one table without relation keys (a relation's predefined `where`). */
export type TableFilter<TTable extends AnyTable> = ColumnFilters<TTable, never> & {
  OR?: Skippable<readonly Skippable<TableFilter<TTable>>[]>;
  AND?: Skippable<readonly Skippable<TableFilter<TTable>>[]>;
  NOT?: Skippable<TableFilter<TTable>>;
};

/** The table config a relation of `TConfig` points at. */
export type RelationTarget<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  R extends keyof TConfig['relations'],
> = TSchema[TConfig['relations'][R]['targetTable']];

/**
 * The where-object of a query or statement: column filters, relation
 * filters (true/false/object), OR/AND/NOT. `P` is `Placeholder` in query
 * configs (which can be prepared), `never` in update/delete statements.
 */
export type RelationsFilter<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = never,
> = ColumnFilters<TConfig['table'], P> & {
  [R in keyof TConfig['relations']]?:
    | boolean
    | EmptyFilter
    | RelationsFilter<TSchema, RelationTarget<TSchema, TConfig, R>, P>;
} & {
  OR?: Skippable<readonly Skippable<RelationsFilter<TSchema, TConfig, P>>[]>;
  AND?: Skippable<readonly Skippable<RelationsFilter<TSchema, TConfig, P>>[]>;
  NOT?: Skippable<RelationsFilter<TSchema, TConfig, P>>;
};
