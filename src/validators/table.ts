import { type Validator, type VObject, v } from 'convex/values';
import type { ColumnSelectType } from '../schema/column.js';
import type { Simplify } from '../schema/columns.js';
import type { InferInsertModel, InferSelectModel } from '../schema/inference.js';
import { type AnyTable, getTableConfig } from '../schema/table.js';
import { type FieldUse, tableFields } from './fields.js';

/** `pick` keeps only the named fields, `omit` drops them (both may be given). */
export interface ValidatorOptions<TKey extends string> {
  readonly pick?: readonly TKey[];
  readonly omit?: readonly TKey[];
}

type PickKeys<TModel, TOptions> = TOptions extends { pick: readonly (infer P)[] } ? P & keyof TModel : keyof TModel;
type OmitKeys<TOptions> = TOptions extends { omit: readonly (infer O)[] } ? O : never;

/** `TModel` restricted by `pick`/`omit`; the model itself when neither is given. */
export type SelectFields<TModel, TOptions> = TOptions extends { pick: unknown } | { omit: unknown }
  ? Simplify<Pick<TModel, Exclude<PickKeys<TModel, TOptions>, OmitKeys<TOptions>>>>
  : TModel;

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/** One validator per field of `T`, optional where `T`'s key is, so `.fields` can be spread into other validators. */
export type FieldValidators<T> = {
  [K in keyof T]-?: K extends OptionalKeys<T>
    ? Validator<T[K], 'optional', string>
    : Validator<T[K], 'required', string>;
};

/** A Convex object validator whose `Infer` type is `T`. */
export type ObjectValidator<T> = VObject<T, FieldValidators<T>>;

type ColumnKey<T extends AnyTable> = keyof T['_']['columns'] & string;

/** What `update(table).set()` takes: every column optional, nullable ones also `null`. */
export type UpdateModel<T extends AnyTable> = Simplify<{
  [K in keyof T['_']['columns']]?: ColumnSelectType<T['_']['columns'][K]['_']>;
}>;

function objectOf<T>(
  table: AnyTable,
  use: FieldUse,
  system: boolean,
  options: ValidatorOptions<string> | undefined,
): ObjectValidator<T> {
  const config = getTableConfig(table);
  const columns = system ? { ...config.systemColumns, ...config.columns } : config.columns;
  return v.object(tableFields(config, columns, use, options)) as never;
}

/**
 * The validator of a row `insert(table).values()` takes, for Convex function
 * `args`: `notNull` columns without a default are required, nullable and
 * defaulted ones optional. `Infer` is `table.$inferInsert` (with `pick`/`omit`).
 *
 * @example
 * export const create = mutation({
 *   args: insertValidator(users, { omit: ['role'] }),
 *   handler: (ctx, user) => orm.db(ctx).insert(users).values(user),
 * });
 */
export function insertValidator<T extends AnyTable, const TOptions extends ValidatorOptions<ColumnKey<T>> = {}>(
  table: T,
  options?: TOptions,
): ObjectValidator<SelectFields<InferInsertModel<T>, TOptions>> {
  return objectOf(table, 'insert', false, options);
}

/**
 * The validator of what `update(table).set()` takes: every column optional,
 * nullable ones also `null`. System fields are not writable and not included.
 */
export function updateValidator<T extends AnyTable, const TOptions extends ValidatorOptions<ColumnKey<T>> = {}>(
  table: T,
  options?: TOptions,
): ObjectValidator<SelectFields<UpdateModel<T>, TOptions>> {
  return objectOf(table, 'update', false, options);
}

/**
 * The validator of a row as queries return it, for Convex function `returns`:
 * `_id`, `_creationTime` and every column, nullable ones `T | null`.
 * `Infer` is `table.$inferSelect` (with `pick`/`omit`).
 */
export function selectValidator<
  T extends AnyTable,
  const TOptions extends ValidatorOptions<ColumnKey<T> | '_id' | '_creationTime'> = {},
>(table: T, options?: TOptions): ObjectValidator<SelectFields<InferSelectModel<T>, TOptions>> {
  return objectOf(table, 'select', true, options);
}
