import type { GenericId } from 'convex/values';
import type { EmptyFilter } from '../../filter/emptyFilter.js';
import type { Likeable } from '../../filter/likeable.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { AnyTable } from '../../schema/table.js';
import type { ColumnKeys } from './columns.js';

type Primitive = string | number | bigint | boolean;
type Element<T> = T extends readonly (infer E)[] ? E : never;
type Skippable<T> = T | EmptyFilter;
/** A value, or (`P` = `Placeholder`, in queries to prepare) a placeholder of it. */
type Operand<T, P> = Skippable<T | P>;
/** A list of values (`in`, `arrayContains`, ...): each item may be a placeholder or skipped, or the whole list a placeholder. */
type List<T, P> = Skippable<readonly Operand<T, P>[] | P>;
/** The operand of an array operator: a list of elements of an array column, nothing on another (`INVALID_FILTER` at run time). */
type ElementList<T, P> = [Element<T>] extends [never] ? never : List<Element<T>, P>;

/**
 * The operators of one field (Drizzle v1 `FieldFilter` object form). `P` is
 * `Placeholder` where placeholders may stand (query configs), else `never`.
 * `L` is what `like` and its kin take: a pattern, or `never` on a field that
 * stores no strings (`INVALID_FILTER` at run time).
 */
export interface FieldOperators<T, P = never, L = Operand<string, P>> {
  eq?: Operand<T, P>;
  ne?: Operand<T, P>;
  gt?: Operand<T, P>;
  gte?: Operand<T, P>;
  lt?: Operand<T, P>;
  lte?: Operand<T, P>;
  in?: List<T, P>;
  notIn?: List<T, P>;
  like?: L;
  notLike?: L;
  ilike?: L;
  notIlike?: L;
  isNull?: Skippable<true>;
  isNotNull?: Skippable<true>;
  arrayContains?: ElementList<T, P>;
  arrayContained?: ElementList<T, P>;
  arrayOverlaps?: ElementList<T, P>;
  NOT?: FieldFilter<T, P, L>;
  OR?: readonly FieldFilter<T, P, L>[];
  AND?: readonly FieldFilter<T, P, L>[];
}

/** A filter on one field: a primitive or a placeholder (shorthand for `eq`), operators, or `EmptyFilter`. */
export type FieldFilter<T, P = never, L = Operand<string, P>> =
  | (T extends Primitive ? T : never)
  | P
  | FieldOperators<T, P, L>
  | EmptyFilter;

/** The filter of field `K`; `like` and its kin only where the field stores strings (`_id` does). */
type ColumnFilter<TTable extends AnyTable, K, P> = K extends keyof TTable['_']['columns']
  ? Likeable<TTable['_']['columns'][K]['_']> extends true
    ? FieldFilter<TTable['_']['columns'][K]['_']['data'], P>
    : FieldFilter<TTable['_']['columns'][K]['_']['data'], P, never>
  : K extends '_id'
    ? FieldFilter<GenericId<TTable['_']['name']>, P>
    : FieldFilter<number, P, never>;

type ColumnFilters<TTable extends AnyTable, P> = {
  [K in ColumnKeys<TTable>]?: ColumnFilter<TTable, K, P>;
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
 * The relation filters of a where-object; `unknown` for a table without relations, not `{}`: an
 * intersection with `{}` is not checked as a weak type (all properties optional), so an operator
 * expression (`gt(count(), 1)`, a filter of another table) would pass for a where-object.
 */
type RelationFilters<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig, P> = [
  keyof TConfig['relations'],
] extends [never]
  ? unknown
  : {
      [R in keyof TConfig['relations']]?:
        | boolean
        | EmptyFilter
        | RelationsFilter<TSchema, RelationTarget<TSchema, TConfig, R>, P>;
    };

/**
 * The where-object of a query or statement: column filters, relation
 * filters (true/false/object), OR/AND/NOT. `P` is `Placeholder` in query
 * configs (which can be prepared), `never` in update/delete statements.
 */
export type RelationsFilter<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = never,
> = ColumnFilters<TConfig['table'], P> &
  RelationFilters<TSchema, TConfig, P> & {
    OR?: Skippable<readonly Skippable<RelationsFilter<TSchema, TConfig, P>>[]>;
    AND?: Skippable<readonly Skippable<RelationsFilter<TSchema, TConfig, P>>[]>;
    NOT?: Skippable<RelationsFilter<TSchema, TConfig, P>>;
  };
