import type { GenericId, Value } from 'convex/values';
import type { ColumnBuilder, ColumnSelectType, ColumnTypeConfig } from './column.js';
import type { Simplify } from './columns.js';
import type { AnyTable } from './table.js';

type Columns = Record<string, ColumnBuilder>;

/** A row as the ORM reads it: system fields, then every column (`T | null` when nullable). */
export type SelectModel<TName extends string, TColumns extends Columns> = Simplify<
  { _id: GenericId<TName>; _creationTime: number } & {
    [K in keyof TColumns]: ColumnSelectType<TColumns[K]['_']>;
  }
>;

type RequiredInsertKeys<TColumns extends Columns> = {
  [K in keyof TColumns]: TColumns[K]['_']['notNull'] extends true
    ? TColumns[K]['_']['hasDefault'] extends true
      ? never
      : K
    : never;
}[keyof TColumns];

/**
 * A row as `insert().values()` takes it: `notNull` columns without a default
 * are required; nullable and defaulted columns are optional.
 */
export type InsertModel<TColumns extends Columns> = Simplify<
  { [K in RequiredInsertKeys<TColumns>]: TColumns[K]['_']['data'] } & {
    [K in Exclude<keyof TColumns, RequiredInsertKeys<TColumns>>]?: ColumnSelectType<TColumns[K]['_']> | undefined;
  }
>;

/**
 * A value's type as a Convex document field, which must be a Convex `Value`: `T` when it is one
 * (or `undefined`, an optional field's); `any` for `unknown` (`json()`, stored with `v.any()`, whose
 * type Convex gives as `any`); an array or object type that is no `Value` (an interface,
 * `Record<string, unknown>`, also inside `objectOf` / `arrayOf`) item by item (a tuple stays a
 * tuple; readonly arrays become mutable, as Convex's `Value` has none) and field by field:
 * a mapped type is an object literal type, which Convex's `{ [key: string]: Value }` takes. Else
 * the app's `DataModel` would be no `GenericDataModel`, which Convex's and convex-helpers'
 * generics require.
 */
type StoredValue<T> = T extends Value | undefined
  ? T
  : unknown extends T
    ? any
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: StoredValue<T[K]> }
      : T extends object
        ? { [K in keyof T]: StoredValue<T[K]> }
        : any;

/** The stored (Convex document) type of a column value: `timestamp` is always a number. */
export type StoredData<C extends ColumnTypeConfig> = C['kind'] extends 'timestamp' ? number : StoredValue<C['data']>;

/** The Convex document fields of a table, system fields excluded. */
export type StoredModel<TColumns extends Columns> = Simplify<
  { [K in keyof TColumns as TColumns[K]['_']['notNull'] extends true ? K : never]: StoredData<TColumns[K]['_']> } & {
    [K in keyof TColumns as TColumns[K]['_']['notNull'] extends true ? never : K]?: StoredData<TColumns[K]['_']> | null;
  }
>;

/** The select type of a table (same as `table.$inferSelect`). */
export type InferSelectModel<T extends AnyTable> = SelectModel<T['_']['name'], T['_']['columns']>;

/** The insert type of a table (same as `table.$inferInsert`). */
export type InferInsertModel<T extends AnyTable> = InsertModel<T['_']['columns']>;
