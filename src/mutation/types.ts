import type { FilterExpression } from '../filter/expressions.js';
import type { KnownKeysOnly, NoInferred } from '../noInferred.js';
import type { RelationsFilter, TableFilter } from '../query/types/where.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { Column, ColumnSelectType, ColumnTypeConfig } from '../schema/column.js';
import type { Simplify } from '../schema/columns.js';
import type { InferInsertModel, InferSelectModel } from '../schema/inference.js';
import type { AnyTable, ScopeName } from '../schema/table.js';

type ColumnsOf<T extends AnyTable> = T['_']['columns'];

/**
 * What `update(t).set()` and `onConflictDoUpdate({ set })` take: any user
 * column, `null` only for nullable ones; an `undefined` value is ignored.
 * A system field written out (`{ _id }`) is an excess property; a read row
 * spread into `update(t).set()` passes, and its `_id` and `_creationTime`,
 * the matched row's own, are left out of the write.
 */
export type UpdateSet<T extends AnyTable> = {
  [K in keyof ColumnsOf<T>]?: ColumnSelectType<ColumnsOf<T>[K]['_']> | undefined;
};

/**
 * The function form of `update(t).set()`: the new values of one matched row,
 * computed from that row as the update read it (as queries return it). It runs
 * once per row inside the statement, so `set((post) => ({ views: post.views + 1 }))`
 * reads each row once and cannot race another write (Convex transactions are
 * serializable). Drizzle writes this as `set({ views: sql\`${posts.views} + 1\` })`.
 * `set` infers `R`, the values returned, to check their keys (TypeScript checks
 * what a function returns for excess keys only when the key is alone); a
 * spread row's `_id` and `_creationTime` pass, left out of the write.
 */
export type UpdateSetFn<T extends AnyTable, R = UpdateSet<T>> = (
  row: InferSelectModel<T>,
) => R & NoInferred<KnownKeysOnly<R, keyof ColumnsOf<T> | '_id' | '_creationTime'>>;

/**
 * What `insert(t).values()` and `onConflictDoUpdate({ set })` refuse: Convex
 * sets `_id` and `_creationTime` of a new row, and an upsert's `set` is not a
 * row it read, so a read row spread in (a copy: `{ ...user, email }`) is a type
 * error, as its `VALIDATION` error at run time. Copy with `const { _id, _creationTime, ...copy } = user`.
 */
export type NoSystemFields = { _id?: never; _creationTime?: never };

/** One row of `insert(t).values()`: its columns (defaults may be left out), no system fields. */
export type InsertValues<T extends AnyTable> = InferInsertModel<T> & NoSystemFields;

/** A column (user or system) of table `T`. */
export type TableColumn<T extends AnyTable> = Column<ColumnTypeConfig, T['_']['name'], string>;

/** Columns of table `T` by result key, for `.returning({ ... })`. */
export type ReturningSelection<T extends AnyTable> = Record<string, TableColumn<T>>;

/**
 * A statement without the methods already called on it (Drizzle's
 * `PgInsertWithout` / `$dynamic` pattern): a second `.returning()` is a type
 * error, "Property 'returning' does not exist". `TCalled` is `never` before
 * any such call, leaving the statement's own type.
 */
export type Without<TStatement, TCalled extends string> = [TCalled] extends [never]
  ? TStatement
  : Omit<TStatement, TCalled>;

/** A row of `.returning({ ... })`: each key typed by its column. */
export type ReturningRow<S extends Record<string, Column>> = Simplify<{
  [K in keyof S]: ColumnSelectType<S[K]['_']>;
}>;

/** The relational config of table `T` in `TSchema` (matched by Convex table name), or `never`. */
type ConfigOf<TSchema extends TablesRelationalConfig, T extends AnyTable> = {
  [K in keyof TSchema]: TSchema[K]['table']['_']['name'] extends T['_']['name'] ? TSchema[K] : never;
}[keyof TSchema];

/**
 * A where-object on table `T`; with the ORM's relations known
 * (`orm.db(ctx)`), it includes relation filters as in queries. `P` is
 * `Placeholder` where placeholders may stand (a select to prepare).
 */
export type WhereObject<
  T extends AnyTable,
  TSchema extends TablesRelationalConfig = TablesRelationalConfig,
  P = never,
> = [ConfigOf<TSchema, T>] extends [never] ? TableFilter<T> : RelationsFilter<TSchema, ConfigOf<TSchema, T>, P>;

/**
 * What `where()` of `update`/`delete`/`$count` and `setWhere` take: an
 * operator expression on the statement's own table, or a where-object. The
 * table goes by its scope name (`t._id` of a helper generic over `T` is
 * scoped so) and by its Convex name, which a helper's `FilterExpression<T['_']['name']>`
 * names: for a generic `T` TypeScript cannot tell the two are one.
 */
export type MutationWhere<T extends AnyTable, TSchema extends TablesRelationalConfig = TablesRelationalConfig> =
  | FilterExpression<ScopeName<T> | T['_']['name']>
  | WhereObject<T, TSchema>
  | undefined;
