import type { EmptyFilter } from '../../filter/emptyFilter.js';
import type { OrderExpression } from '../../filter/expressions.js';
import type { asc, desc } from '../../filter/operators.js';
import type { Placeholder } from '../../filter/placeholder.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { MinMaxKind, SummedKind } from '../../schema/aggregateKinds.js';
import type { Column, ColumnTypeConfig } from '../../schema/column.js';
import type { AnyTable } from '../../schema/table.js';
import type { ColumnKeys, RowOf } from './columns.js';
import type { RelationsFilter, RelationTarget } from './where.js';

/** What an `orderBy` callback on `TTable` returns: its columns, or `asc()` / `desc()` of them. */
type OrderItem<TTable extends AnyTable> =
  | OrderExpression<TTable['_']['name']>
  | Column<ColumnTypeConfig, TTable['_']['name']>;

type Direction = 'asc' | 'desc';

/** The kind of field `K` of `TTable`, system fields included. */
type KindOf<TTable extends AnyTable, K> = K extends '_id'
  ? 'id'
  : K extends '_creationTime'
    ? 'creationTime'
    : K extends keyof TTable['_']['columns']
      ? TTable['_']['columns'][K]['_']['kind']
      : never;

/**
 * The aggregates a relation order takes of a column of kind `TKind`, as Postgres has them (the
 * run-time check's lists): `min`/`max` of ordered kinds, `avg` of numbers and bigints.
 */
type ColumnAggregate<TKind> =
  | 'count'
  | 'first'
  | (TKind extends MinMaxKind ? 'min' | 'max' : never)
  | (TKind extends SummedKind ? 'avg' : never);
type Aggregated<TTable extends AnyTable, K> = `${Direction}(${ColumnAggregate<KindOf<TTable, K>>})`;

/** An order object: columns, and relations (rc.5); below a `many` relation directions are aggregated. */
export type RelationsOrderBy<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  TAggregated extends boolean = false,
> = {
  [K in ColumnKeys<TConfig['table']>]?:
    | (TAggregated extends true ? Aggregated<TConfig['table'], K> : Direction)
    | undefined;
} & {
  [R in keyof TConfig['relations']]?: TConfig['relations'][R]['kind'] extends 'many'
    ? `${Direction}(count)` | RelationsOrderBy<TSchema, RelationTarget<TSchema, TConfig, R>, true>
    : RelationsOrderBy<TSchema, RelationTarget<TSchema, TConfig, R>, TAggregated>;
};

type OrderByCallback<TConfig extends TableRelationalConfig> = (
  table: TConfig['table'],
  operators: { asc: typeof asc; desc: typeof desc },
) => OrderItem<TConfig['table']> | readonly OrderItem<TConfig['table']>[] | undefined;

/** `orderBy`: an object (key order = priority) or a callback returning columns / `asc()` / `desc()`. */
export type OrderByConfig<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig> =
  | RelationsOrderBy<TSchema, TConfig>
  | OrderByCallback<TConfig>;

/** A page's `orderBy`: columns only, as a page's cursor is an index key. */
export type ColumnsOrderByConfig<TConfig extends TableRelationalConfig> =
  | { [K in ColumnKeys<TConfig['table']>]?: Direction | undefined }
  | OrderByCallback<TConfig>;

/** `extras`: computed fields, functions of the (full) row. */
export type ExtrasConfig<TTable extends AnyTable> = Record<string, ((row: RowOf<TTable>) => unknown) | undefined>;

/**
 * What every level of a query takes. `P` is `Placeholder` in a query to
 * prepare (`orm.query`), `never` in one that runs (`db.query`), so a
 * placeholder there is a type error, not only a runtime one.
 */
export interface QueryConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> {
  columns?: { [K in ColumnKeys<TConfig['table']>]?: boolean | undefined };
  with?: WithConfig<TSchema, TConfig, P>;
  where?: RelationsFilter<TSchema, TConfig, P> | EmptyFilter;
  orderBy?: OrderByConfig<TSchema, TConfig>;
  /** Rows to skip; a `placeholder` in a prepared query. */
  offset?: number | P | undefined;
  extras?: ExtrasConfig<TConfig['table']>;
  /** Counts of `many` relations per row (`row._count.posts`), served by an aggregate index on the foreign key when there is one. */
  _count?: RelationCountConfig<TSchema, TConfig, P>;
}

/** `_count`: per `many` relation, `true` or `{ where }` on the related rows (placeholders as the query, `P`). */
export type RelationCountConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> = {
  [R in keyof TConfig['relations'] as TConfig['relations'][R]['kind'] extends 'many' ? R : never]?:
    | boolean
    | { where?: RelationsFilter<TSchema, RelationTarget<TSchema, TConfig, R>, P> | EmptyFilter };
};

/** A nested `many` relation also takes `limit` (per parent). */
export interface ManyRelationConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> extends QueryConfig<TSchema, TConfig, P> {
  /** The most rows to return; a `placeholder` in a prepared query. */
  limit?: number | P | undefined;
}

/** `with`: per relation `true`, `false` or a nested config (`limit` only on `many`). */
export type WithConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> = {
  [R in keyof TConfig['relations']]?:
    | boolean
    | (TConfig['relations'][R]['kind'] extends 'many'
        ? ManyRelationConfig<TSchema, RelationTarget<TSchema, TConfig, R>, P>
        : QueryConfig<TSchema, RelationTarget<TSchema, TConfig, R>, P>);
};

/** The search index names of a table (none: `search` takes nothing). */
type SearchIndexName<TConfig extends TableRelationalConfig> = keyof NonNullable<
  TConfig['table']['_']['searchIndexes']
> &
  string;

/**
 * `search`: full-text search through a search index of the table, results in
 * relevance order. Equalities of `where` on the index's filter fields narrow
 * the search; the rest of `where` filters its results.
 */
export interface SearchConfig<TConfig extends TableRelationalConfig> {
  index: SearchIndexName<TConfig>;
  query: string;
}

/** `findMany(config)`. */
export interface FindManyConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> extends ManyRelationConfig<TSchema, TConfig, P> {
  /** Documents this query may read (relations included); default from `createOrm`. */
  scanBudget?: number | undefined;
  /** Include soft-deleted rows (tables with `deletion(...)`), here and in every `with` load and relation filter. */
  withDeleted?: boolean | undefined;
  /** Full-text search (relevance order; no `orderBy`). */
  search?: SearchConfig<TConfig>;
}

/** `findFirst(config)`: no `limit`. */
export interface FindFirstConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> extends QueryConfig<TSchema, TConfig, P> {
  scanBudget?: number | undefined;
  /** Include soft-deleted rows (tables with `deletion(...)`), here and in every `with` load and relation filter. */
  withDeleted?: boolean | undefined;
  /** Full-text search (relevance order; no `orderBy`). */
  search?: SearchConfig<TConfig>;
}

/** `paginate(opts, config)`: no `limit`/`offset` (the page size and cursor decide), no relation orders. */
export type PaginateConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> = Omit<FindFirstConfig<TSchema, TConfig, P>, 'offset' | 'orderBy'> & { orderBy?: ColumnsOrderByConfig<TConfig> };

/** `count(config)`. */
export interface CountConfig<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  P = Placeholder,
> {
  where?: RelationsFilter<TSchema, TConfig, P> | EmptyFilter;
  scanBudget?: number | undefined;
  /** Include soft-deleted rows (tables with `deletion(...)`), here and in every `with` load and relation filter. */
  withDeleted?: boolean | undefined;
}

type KnownWith<T, U> = {
  [K in keyof T]: K extends keyof U ? KnownWithValue<T[K], U[K]> : never;
};

/** A relation's `with` value: each object of it checked (`flag && { ... }` as the object alone). */
type KnownWithValue<V, U> = V extends object ? KnownKeysOnly<V, Extract<U, object>> : V;

/** Values with no keys to check: scalars, `EmptyFilter`, `undefined`, lists and callbacks. */
type Leaf =
  | string
  | number
  | bigint
  | boolean
  | symbol
  | null
  | undefined
  | readonly unknown[]
  | ((...args: never) => unknown);

// A placeholder, not an object that merely has a `name` (any object has a `toString`): `{ name: 'Ada' }`
// is one too, harmlessly, as it has no other key to check.
type IsPlaceholder<T> = T extends Placeholder ? (keyof T extends keyof Placeholder ? true : false) : false;

/** The object form of a config position (operators, a relation's filter or order, a count), its leaves dropped. */
type ObjectForm<U> = U extends Leaf | Placeholder ? never : U;

type Item<U> = U extends readonly (infer I)[] ? I : never;

// Homomorphic in `L`: a tuple of items stays a tuple, an array an array.
type KnownItems<L, U, Unnamed extends boolean> = { [I in keyof L]: KnownKeysDeep<L[I], U, Unnamed> };

/**
 * Only keys `U` knows, through the objects of `T` (the user's config, so as
 * deep as it is written): column and relation keys, operators, relation
 * filters and orders, `OR` / `AND` items and `NOT`. A computed key typed as
 * a union (an index signature to TypeScript) names no key: `Unnamed` says
 * whether such a key is taken unchecked (`true`, rules, checked at run time)
 * or refused (`false`, query configs: a computed selection cannot be typed).
 */
export type KnownKeysDeep<T, U, Unnamed extends boolean = false> = T extends Leaf
  ? T
  : IsPlaceholder<T> extends true
    ? T
    : NamesNoKeys<ObjectForm<U>> extends true
      ? T
      : KnownObject<T, ObjectForm<U>, Unnamed>;

/**
 * Whether a position names no keys to check: a `json()` column's value (`unknown`, or a type with
 * a string index signature, `json<Record<string, unknown>>()`) as an operand (`eq`, `gt`, ...), or a
 * `custom(v.any())` one (`any`). Any object is such a value, so its keys are the data's, not typos.
 */
type NamesNoKeys<O> = unknown extends O ? true : string extends keyof O ? true : false;

type KnownObject<T, O, Unnamed extends boolean> = {
  [K in keyof T]: K extends keyof O
    ? K extends 'OR' | 'AND'
      ? KnownItems<T[K], Item<O[K]>, Unnamed>
      : KnownKeysDeep<T[K], O[K], Unnamed>
    : string extends K
      ? Unnamed extends true
        ? T[K]
        : never
      : never;
};

/** An aggregate's fields (`_sum: { views: true }`): known columns, each `true` (the runtime refuses `undefined`). */
type KnownFlags<T, U> = { [K in keyof T]: K extends keyof U ? true : never };

/** What `columns` is typed as when the level selects nothing: nothing fits. */
interface NothingSelected {
  readonly 'columns selects no column ({}, or every column false): name one, or select a relation (with), an extra or a _count': never;
}

/**
 * Whether a level selects nothing: `columns` selecting no column of `All` (the table's) and no
 * relation, extra or count (`with`, `extras`, `_count` absent or `{}`): `No fields selected for
 * table ...` at run time.
 */
type SelectsNothing<T, All> = T extends { columns: infer C }
  ? undefined extends C
    ? false // `columns: undefined` (or one that may be) selects every column, as no `columns`
    : SelectsNoColumn<C, All> extends true
      ? [Selected<OwnObject<T, 'with'>> | keyof OwnObject<T, 'extras'> | Selected<OwnObject<T, '_count'>>] extends [
          never,
        ]
        ? true
        : false
      : false
  : false;

/** The keys of a `with` or `_count` object that select something (not `false` or `undefined`). */
type Selected<O> = { [K in keyof O]-?: O[K] extends false | undefined ? never : K }[keyof O];

/** `T[K]` when it is an object, else `{}`: what a level selects under key `K`. */
type OwnObject<T, K extends string> = T extends { [P in K]: infer O } ? (O extends object ? O : {}) : {};

/**
 * Whether `columns` object `C` selects no column of `All`: none may be `true` (a `boolean`
 * variable may), and then either none is `false` (`{}`, or only `undefined` entries, which are
 * ignored) or every column is `false` (leaving out every one).
 */
type SelectsNoColumn<C, All> = [ColumnKeysWhere<C, true>] extends [never]
  ? [ColumnKeysWhere<C, false>] extends [never]
    ? true
    : [Exclude<keyof All, ColumnKeysWhere<C, false>>] extends [never]
      ? true
      : false
  : false;

/** The keys of `columns` object `C` that may select (`true`), or that are `false`. */
type ColumnKeysWhere<C, Selects extends boolean> = {
  [K in keyof C]-?: Selects extends true
    ? C[K] extends false | undefined
      ? never
      : K
    : C[K] extends false
      ? K
      : never;
}[keyof C];

/**
 * Rejects keys a config does not know, at every level of `with`: unknown
 * options, relations, misplaced `limit`, unknown keys at any depth of
 * `columns`, `where`, `orderBy`, `_count`, `search` and aggregate fields
 * (`_sum`, `_avg`, `_min`, `_max`), an `orderBy` beside `search` (search
 * results come in relevance order; `orderBy: undefined` or `{}` passes, as at run
 * time), an extra returning a promise, and a level that selects nothing.
 */
export type KnownKeysOnly<T, U> = {
  [K in keyof T]: K extends keyof U
    ? K extends 'orderBy'
      ? // A search that may be `undefined` too: the run refuses both ways (no orderBy, or an undefined search).
        T extends { search: infer S }
        ? [Exclude<S, undefined>] extends [never]
          ? KnownKeysDeep<T[K], U[K]>
          : T[K] extends undefined
            ? T[K]
            : // `{}` asks for no order either (no term), as at run time; a callback gives terms.
              NonNullable<T[K]> extends (...args: never[]) => unknown
              ? never
              : [keyof NonNullable<T[K]>] extends [never]
                ? T[K]
                : never
        : KnownKeysDeep<T[K], U[K]>
      : K extends 'with'
        ? KnownWith<T[K], NonNullable<U[K]>>
        : K extends 'columns'
          ? SelectsNothing<T, NonNullable<U[K]>> extends true
            ? NothingSelected
            : KnownKeysDeep<T[K], U[K]>
          : K extends 'where' | '_count' | 'search'
            ? KnownKeysDeep<T[K], U[K]>
            : K extends '_sum' | '_avg' | '_min' | '_max'
              ? KnownFlags<T[K], NonNullable<U[K]>>
              : K extends 'extras'
                ? SynchronousExtras<T[K]>
                : T[K]
    : never;
};

/**
 * `extras` without those returning a promise (an `async` function, a `$count`): an extra is a
 * synchronous function of the row, and the query rejects one that returns a promise
 * (`INVALID_QUERY`); count related rows with `_count`.
 */
type SynchronousExtras<E> = E extends object
  ? {
      [K in keyof E]: NonNullable<E[K]> extends (...args: never[]) => infer R
        ? 0 extends 1 & R // an extra returning `any` (JSON.parse) may be anything: taken as it is
          ? E[K]
          : [Extract<R, PromiseLike<unknown>>] extends [never] // any member a promise: it may reject
            ? E[K]
            : never
        : E[K];
    }
  : E;
