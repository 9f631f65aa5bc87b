import type { EmptyFilter } from '../../filter/emptyFilter.js';
import type { Placeholder } from '../../filter/placeholder.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { AnyTable } from '../../schema/table.js';
import type { ColumnData, ColumnKeys } from './columns.js';

type Primitive = string | number | bigint | boolean;
type Element<T> = T extends readonly (infer E)[] ? E : never;
type Skippable<T> = T | EmptyFilter;
/** A value, or a placeholder of it (prepared queries). */
type Operand<T> = Skippable<T | Placeholder>;

/** The operators of one field (Drizzle v1 `FieldFilter` object form). */
export interface FieldOperators<T> {
  eq?: Operand<T>;
  ne?: Operand<T>;
  gt?: Operand<T>;
  gte?: Operand<T>;
  lt?: Operand<T>;
  lte?: Operand<T>;
  in?: Skippable<readonly Operand<T>[] | Placeholder>;
  notIn?: Skippable<readonly Operand<T>[] | Placeholder>;
  like?: Operand<string>;
  notLike?: Operand<string>;
  ilike?: Operand<string>;
  notIlike?: Operand<string>;
  isNull?: Skippable<true>;
  isNotNull?: Skippable<true>;
  arrayContains?: Operand<readonly Element<T>[]>;
  arrayContained?: Operand<readonly Element<T>[]>;
  arrayOverlaps?: Operand<readonly Element<T>[]>;
  NOT?: FieldFilter<T>;
  OR?: readonly FieldFilter<T>[];
  AND?: readonly FieldFilter<T>[];
}

/** A filter on one field: a primitive or a placeholder (shorthand for `eq`), operators, or `EmptyFilter`. */
export type FieldFilter<T> = (T extends Primitive ? T : never) | Placeholder | FieldOperators<T> | EmptyFilter;

type ColumnFilters<TTable extends AnyTable> = { [K in ColumnKeys<TTable>]?: FieldFilter<ColumnData<TTable, K>> };

/** A where-object on one table without relation keys (a relation's predefined `where`). */
export type TableFilter<TTable extends AnyTable> = ColumnFilters<TTable> & {
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

/** The where-object of a query: column filters, relation filters (true/false/object), OR/AND/NOT. */
export type RelationsFilter<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
> = ColumnFilters<TConfig['table']> & {
  [R in keyof TConfig['relations']]?:
    | boolean
    | EmptyFilter
    | RelationsFilter<TSchema, RelationTarget<TSchema, TConfig, R>>;
} & {
  OR?: Skippable<readonly Skippable<RelationsFilter<TSchema, TConfig>>[]>;
  AND?: Skippable<readonly Skippable<RelationsFilter<TSchema, TConfig>>[]>;
  NOT?: Skippable<RelationsFilter<TSchema, TConfig>>;
};
