import type { GenericId } from 'convex/values';
import type { AnyColumn, Column, ColumnKind, ColumnTypeConfig } from '../schema/column.js';
import type { Placeholder } from './placeholder.js';

// What a comparison (`eq`, `gt`...) takes on its right, typed: a value of the column's type, or a
// column that can hold values of its type (`eq(posts.authorId, users._id)`, as in Drizzle), the
// rule the run time applies (`mayCompare`).

/** The values a column holds (its data type). */
export type ValueOf<C extends AnyColumn> = C['_']['data'];

/** Column kinds stored as numbers whatever their data type (a string-mode timestamp's is a string). */
type TimeKind = 'timestamp' | 'creationTime';
/** A column config whose values are `D`, stored as such (no timestamp). */
type Holding<D> = Omit<ColumnTypeConfig, 'data' | 'kind'> & { data: D; kind: Exclude<ColumnKind, TimeKind> };
/** Columns stored as numbers: number and bigint data (compared by value), timestamps of either mode, `_creationTime`. */
type StoredNumber = Holding<number | bigint> | (ColumnTypeConfig & { kind: TimeKind });
/** Columns that may hold values of any type (`json()`, `custom()`): the run time compares what they hold. */
type AnyValued = ColumnTypeConfig & { kind: 'json' | 'custom' };
/** A string that is no id: a `text()` column's, which may hold an id of any table. */
type NonIdString = string & { readonly __tableName?: undefined };
/**
 * The configs of the columns a comparison with column config `L` may take on its right: those
 * holding values of its type (an id: of its own table, or any string), as at run time
 * (`mayCompare`); Postgres refuses the others (`integer = text`: operator does not exist).
 */
type ComparableConfig<L extends ColumnTypeConfig> =
  | (L['kind'] extends TimeKind ? StoredNumber : ComparableToData<L['data']>)
  | AnyValued;
type ComparableToData<D> =
  D extends GenericId<infer N>
    ? Holding<GenericId<N> | NonIdString>
    : D extends string
      ? Holding<string>
      : D extends number | bigint
        ? StoredNumber
        : D extends boolean
          ? Holding<boolean>
          : ColumnTypeConfig;
/** The right side of a comparison: a value of the column's type, a column of a comparable one, or a placeholder. */
export type ComparisonOperand<C extends AnyColumn, T extends string> =
  | ValueOf<C>
  | Column<ComparableConfig<C['_']>, T>
  | Placeholder;
