import { v } from 'convex/values';
import { isCountQuery, MISPLACED_COUNT } from '../countQueryBrand.js';
import { OrmError } from '../errors.js';
import { MIN_MAX_KINDS, type MinMaxKind, type NumberKind, SUMMED_KINDS } from '../schema/aggregateKinds.js';
import { type AnyColumn, Column, type ColumnDefinition, type ColumnTypeConfig } from '../schema/column.js';

/** The table name aggregate columns carry; Convex table names never start with `$`. */
export const AGGREGATE_TABLE = '$aggregate';

/**
 * An aggregate column's table name as typed: the table whose column it aggregates, wrapped
 * (`'$aggregate(posts)'`; `count()`, which has none, is `AGGREGATE_TABLE`), so that a select's
 * types refuse an aggregate of a table that is not in the select as they refuse its columns.
 * A type only: the name it carries at run time is `AGGREGATE_TABLE` whatever it aggregates.
 */
export type AggregateTable<TSource extends string> = [TSource] extends [never]
  ? typeof AGGREGATE_TABLE
  : `${typeof AGGREGATE_TABLE}(${TSource})`;

/** The aggregate functions of a select (Postgres semantics over the rows of a group). */
export type AggregateFunction =
  | 'count'
  | 'countDistinct'
  | 'sum'
  | 'sumDistinct'
  | 'avg'
  | 'avgDistinct'
  | 'min'
  | 'max';

type NumberResult<TNotNull extends boolean> = { data: number; notNull: TNotNull; hasDefault: false; kind: 'number' };
type BigintResult = { data: bigint; notNull: false; hasDefault: false; kind: 'bigint' };
/** What `sum` of a column gives: a bigint over int64s (exact, as Postgres's numeric sum of int8), else a number. */
type SumResult<C extends AnyColumn> = C['_']['data'] extends bigint ? BigintResult : NumberResult<false>;
type ColumnResult<C extends AnyColumn> = {
  data: C['_']['data'];
  notNull: false;
  hasDefault: false;
  kind: C['_']['kind'];
};

/** A `number()` or `integer()` column, what `sum` and `avg` take (not a timestamp: Postgres has no sum(timestamp)). */
export type NumericColumn = Column<
  { data: number; notNull: boolean; hasDefault: boolean; kind: NumberKind },
  string,
  string
>;

/** A `bigint()` column (int64s), which `sum` adds up exactly and `avg` averages. */
export type BigintColumn = Column<
  { data: bigint; notNull: boolean; hasDefault: boolean; kind: 'bigint' },
  string,
  string
>;

/** A column whose values `min` and `max` order (`MinMaxKind`: not a boolean, json or object one). */
export type OrderedColumn = Column<
  { data: unknown; notNull: boolean; hasDefault: boolean; kind: MinMaxKind },
  string,
  string
>;

/**
 * What an aggregate takes besides a column: a table's column, which has no `fn`. An aggregate's
 * `fn` does not fit (`sum(count())`), and the type error quotes why. Structural, not a conditional
 * on the column's type: a helper generic over its column (`<C extends NumericColumn>(c: C) => sum(c)`)
 * type-checks, as a deferred conditional on `C` would accept nothing.
 */
export interface TableColumn {
  readonly fn?: 'aggregate function calls cannot be nested: count, sum, avg, min and max take a column of a table';
}

const NUMBER = { kind: 'number', validator: v.float64(), notNull: true } as const;
const BIGINT = { kind: 'bigint', validator: v.int64(), notNull: true } as const;

const SUMMED: ReadonlySet<AggregateFunction> = new Set(['sum', 'sumDistinct', 'avg', 'avgDistinct']);

/** The definition of an aggregate's values: min/max keep the column's own (a string-mode timestamp encodes and decodes as one). */
function resultDefinition(fn: AggregateFunction, source: AnyColumn | null): ColumnDefinition {
  if (fn === 'min' || fn === 'max') return source!.definition;
  // A bigint() column's sum is the exact bigint, as Postgres sums int8 to a numeric.
  return (fn === 'sum' || fn === 'sumDistinct') && source!.definition.kind === 'bigint' ? BIGINT : NUMBER;
}

/**
 * An aggregate in a selection, `having` or `orderBy` (`count(posts._id)`).
 * It is a column of the grouped row, so the comparison operators take it
 * (`gt(count(), 5)`) and `desc(count())` orders by it; two aggregates of the
 * same function and column are the same value (`key`).
 */
export class AggregateColumn<
  C extends ColumnTypeConfig = ColumnTypeConfig,
  TSource extends string = string,
> extends Column<C, AggregateTable<TSource>, string> {
  /** The error of an aggregate given no column or one it cannot take; the select given it rejects with it when it runs. */
  readonly failure: OrmError | undefined;

  constructor(
    readonly fn: AggregateFunction,
    readonly source: AnyColumn | null,
  ) {
    const failure = aggregateProblem(fn, source);
    const of = failure ? '?' : source ? `${source.tableName}.${source.name}` : '*';
    super(AGGREGATE_TABLE as AggregateTable<TSource>, `${fn}(${of})`, failure ? NUMBER : resultDefinition(fn, source));
    this.failure = failure;
  }
}

/** Why `fn` cannot aggregate `source`, or `undefined`. */
function aggregateProblem(fn: AggregateFunction, source: AnyColumn | null): OrmError | undefined {
  // From plain JavaScript or `any` data (a misspelled column): a typed error, not a TypeError later.
  if (!(source instanceof Column || (source === null && fn === 'count'))) {
    const given = isCountQuery(source) ? MISPLACED_COUNT : typeof source;
    return new OrmError('INVALID_QUERY', `${fn}() takes a column (${fn}(posts.views)); got ${given}.`);
  }
  // The inner aggregate is no field of a row: every group would read it as null. Postgres refuses it too.
  if (source instanceof AggregateColumn) {
    return new OrmError(
      'INVALID_QUERY',
      `${fn}(${source.name}) nests an aggregate in another: aggregate function calls cannot be nested. Aggregate a column of a table (${fn}(posts.views)).`,
    );
  }
  if (SUMMED.has(fn) && !SUMMED_KINDS.includes(source!.definition.kind)) {
    return new OrmError(
      'INVALID_QUERY',
      `${fn}() takes a number(), integer() or bigint() column, as Postgres has no sum or avg of a timestamp or jsonb; "${source!.tableName}.${source!.name}" is ${source!.definition.kind}().`,
      { table: source!.tableName },
    );
  }
  if ((fn === 'min' || fn === 'max') && !MIN_MAX_KINDS.includes(source!.definition.kind)) {
    return new OrmError(
      'INVALID_QUERY',
      `${fn}() takes a column whose values are ordered; "${source!.tableName}.${source!.name}" is ${source!.definition.kind}(), which Postgres has no ${fn} of.`,
      { table: source!.tableName },
    );
  }
  return undefined;
}

/**
 * `count(*)` without a column (or with `null`): the rows of the group; `count(col)`: its non-null
 * values. An `undefined` column is a type error, and (misspelled, from plain JavaScript or `any`
 * data) `INVALID_QUERY` when the select runs, not `count(*)`.
 */
export const count = <C extends AnyColumn & TableColumn = never>(...column: [] | [column: C]) =>
  new AggregateColumn<NumberResult<true>, C['_table']>('count', column.length === 0 ? null : (column[0] as C));
/** The number of distinct non-null values of `column`. */
export const countDistinct = <C extends AnyColumn & TableColumn>(column: C) =>
  new AggregateColumn<NumberResult<true>, C['_table']>('countDistinct', column);
/**
 * The sum of the non-null values, `null` when there are none. A number, or over a `bigint()` column
 * the exact bigint (Drizzle on Postgres returns a string).
 */
export const sum = <C extends (NumericColumn | BigintColumn) & TableColumn>(column: C) =>
  new AggregateColumn<SumResult<C>, C['_table']>('sum', column);
/** The sum of the distinct non-null values, `null` when there are none (a bigint over a `bigint()` column). */
export const sumDistinct = <C extends (NumericColumn | BigintColumn) & TableColumn>(column: C) =>
  new AggregateColumn<SumResult<C>, C['_table']>('sumDistinct', column);
/**
 * The mean of the non-null values, `null` when there are none. A number, also over a `bigint()` column
 * (Drizzle on Postgres returns a string).
 */
export const avg = <C extends (NumericColumn | BigintColumn) & TableColumn>(column: C) =>
  new AggregateColumn<NumberResult<false>, C['_table']>('avg', column);
/** The mean of the distinct non-null values, `null` when there are none. */
export const avgDistinct = <C extends (NumericColumn | BigintColumn) & TableColumn>(column: C) =>
  new AggregateColumn<NumberResult<false>, C['_table']>('avgDistinct', column);
/** The least non-null value in Convex value order, `null` when there is none. */
export const min = <C extends OrderedColumn & TableColumn>(column: C) =>
  new AggregateColumn<ColumnResult<C>, C['_table']>('min', column);
/** The greatest non-null value in Convex value order, `null` when there is none. */
export const max = <C extends OrderedColumn & TableColumn>(column: C) =>
  new AggregateColumn<ColumnResult<C>, C['_table']>('max', column);
