import type { AnyRelation, Relation } from '../../relations/relation.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { Simplify } from '../../schema/columns.js';
import type { AnyTable } from '../../schema/table.js';
import type { RowOf } from './columns.js';

type TrueKeys<C> = { [K in keyof C]-?: C[K] extends true ? K : never }[keyof C];
type FalseKeys<C> = { [K in keyof C]-?: C[K] extends false ? K : never }[keyof C];
type LooseKeys<C> = { [K in keyof C]-?: boolean extends C[K] ? K : never }[keyof C];

/**
 * Drizzle's `columns` typing: true-mode picks the `true` keys; false-mode
 * (only `false` keys) omits them; no literal keys (`{}`, or only
 * non-literal booleans) selects no column. `columns: undefined` is no
 * `columns` (every column); one that may be undefined, either.
 */
type SelectedColumns<TTable extends AnyTable, TQuery> = TQuery extends { columns: infer C }
  ? [C] extends [undefined]
    ? RowOf<TTable>
    : undefined extends C
      ? RowOf<TTable> | ColumnsOf<TTable, NonNullable<C>>
      : ColumnsOf<TTable, C>
  : RowOf<TTable>;

/**
 * The columns a `columns` object `C` selects ({@link SelectedColumns}); of a union of objects (one
 * picked by a condition), the columns of each.
 */
type ColumnsOf<TTable extends AnyTable, C> = C extends unknown
  ? [TrueKeys<C>] extends [never]
    ? [FalseKeys<C>] extends [never]
      ? {}
      : [LooseKeys<C>] extends [never]
        ? Omit<RowOf<TTable>, FalseKeys<C>>
        : {}
    : Pick<RowOf<TTable>, TrueKeys<C> & keyof RowOf<TTable>>
  : never;

/** Row `A` (the selected columns) with the query's extras written over it ({@link ExtrasOver}). */
type WithExtras<A, TQuery> = TQuery extends { extras: infer E } ? ExtrasOver<A, E> : A;

/**
 * Row `A` with the values of extras `E` over it, as the row shaper writes them: an extra named as
 * a column replaces it; one given `undefined` is left out, so one that may be (`flag ? fn :
 * undefined`) leaves the column's value then: the key holds either, and is optional only when the
 * column may be absent too. Of a union (extras picked by a condition, whose branches TypeScript
 * gives each other's keys as `?: undefined`), each one's; extras typed as a record (built by a
 * helper) name no key the row is known to have, but the keys they name beside it (`{ [k: string]:
 * F; total: G }` gives `total`).
 */
type ExtrasOver<A, E> = E extends object
  ? string extends keyof E
    ? ExtrasOver<A, NamedKeys<E>>
    : A extends unknown
      ? Flat<
          Omit<A, SureExtras<E> | MaybeExtras<E>> & { -readonly [K in SureExtras<E>]: ExtraValue<E[K]> } & {
            -readonly [K in MaybeExtras<E> & RequiredKeys<A>]: A[K] | ExtraValue<E[K]>;
          } & {
            -readonly [K in Exclude<MaybeExtras<E>, RequiredKeys<A>>]?:
              | (K extends keyof A ? A[K] : never)
              | ExtraValue<E[K]>;
          }
        >
      : never
  : A;

/** `E` without its index signatures: the keys it names (`{ [k: string]: F; known: G }` → `{ known: G }`). */
type NamedKeys<E> = { [K in keyof E as string extends K ? never : number extends K ? never : K]: E[K] };

/** The keys `T` always has (not optional). */
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** What an extra's function returns. */
type ExtraValue<F> = NonNullable<F> extends (...args: never[]) => infer R ? R : never;
/** Keys of extras that are always a function: the row has them. (No `-?`: it would drop an optional key's `undefined`.) */
type SureExtras<E> = Exclude<
  { [K in keyof E]: [Extract<E[K], undefined>] extends [never] ? K : never }[keyof E],
  undefined
>;
/** Keys of extras that may be `undefined` (`flag ? fn : undefined`), left out then: optional. */
type MaybeExtras<E> = Exclude<
  {
    [K in keyof E]: [Extract<E[K], undefined>] extends [never]
      ? never
      : [NonNullable<E[K]>] extends [never]
        ? never
        : K;
  }[keyof E],
  undefined
>;

// A `where` (as Drizzle types it) or an `offset` (past the one match, the load is `null`) makes even a
// non-optional `one` nullable.
type OneResult<TValue, TResult, TOptional> = TOptional extends false
  ? TValue extends { where: unknown } | { offset: unknown }
    ? TResult | null
    : TResult
  : TResult | null;

type RelationResult<TSchema extends TablesRelationalConfig, TRelation extends AnyRelation, TValue> =
  TRelation extends Relation<infer TTarget, infer TKind, infer TOptional>
    ? TKind extends 'many'
      ? BuildQueryResult<TSchema, TSchema[TTarget], TValue>[]
      : OneResult<TValue, BuildQueryResult<TSchema, TSchema[TTarget], TValue>, TOptional>
    : never;

// A relation given `true` or a config is loaded (or counted); `false` or `undefined` is not
// (parseWith skips it); a value that may be either (`boolean`, `flag && { limit: 5 }`,
// `flag ? { ... } : undefined`) may be loaded or not: its key is optional.
type Skipped = false | undefined;
type SureKeys<C> = { [K in keyof C]-?: [Extract<C[K], Skipped>] extends [never] ? K : never }[keyof C];
type MaybeKeys<C> = {
  [K in keyof C]-?: [Extract<C[K], Skipped>] extends [never]
    ? never
    : [Exclude<C[K], Skipped>] extends [never]
      ? never
      : K;
}[keyof C];

type Loaded<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  K,
  V,
> = K extends keyof TConfig['relations']
  ? RelationResult<TSchema, TConfig['relations'][K], Exclude<V, Skipped>>
  : never;

type WithResult<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  TQuery,
> = TQuery extends {
  with: infer W;
}
  ? // Of a union of objects (one picked by a condition), the relations of each.
    W extends unknown
    ? { [K in SureKeys<W>]: Loaded<TSchema, TConfig, K, W[K]> } & {
        [K in MaybeKeys<W>]?: Loaded<TSchema, TConfig, K, W[K]>;
      }
    : never
  : {};

// One object type (modifiers kept), not an intersection: what editors show and type tests compare.
type Flat<T> = { [K in keyof T]: T[K] };

type CountedAlways<C> = { [K in SureKeys<C>]: number };
type CountedMaybe<C> = { [K in MaybeKeys<C>]?: number };

/**
 * `_count` with the counted relations; none counted (`{}`, all `false`) adds no key, as the
 * runtime adds none, and counts that may all be `false` (`boolean` flags) make it optional. Of a
 * union (a `_count` picked by a condition, or one that may be `undefined`), each one's.
 */
type CountResult<TQuery> = TQuery extends { _count: infer C } ? CountOf<C> : {};

type CountOf<C> = C extends object
  ? [keyof CountedAlways<C>] extends [never]
    ? [keyof CountedMaybe<C>] extends [never]
      ? {}
      : { _count?: CountedMaybe<C> }
    : { _count: Flat<CountedAlways<C> & CountedMaybe<C>> }
  : {};

/**
 * `B`'s keys over `A`'s: a key of both is typed as in `B` (not `A[K] & B[K]`, often `never`),
 * as the row shaper writes each part over the ones before it; a key `B` may leave out (a relation
 * given a flag) keeps `A`'s value then, so it is either, optional when `A`'s is; of unions (a
 * `columns` or `with` picked by a condition), each with each.
 */
type Over<A, B> = A extends unknown
  ? B extends unknown
    ? [keyof B] extends [never]
      ? A
      : Omit<A, keyof B> &
          Omit<B, MaybeOver<A, B>> & {
            [K in MaybeOver<A, B> & RequiredKeys<A>]: A[K] | Exclude<B[K & keyof B], undefined>;
          } & { [K in Exclude<MaybeOver<A, B>, RequiredKeys<A>>]?: A[K] | B[K & keyof B] }
    : never
  : never;

/** The optional keys of `B` that `A` has. */
type MaybeOver<A, B> = Exclude<{ [K in keyof B]-?: {} extends Pick<B, K> ? K : never }[keyof B], undefined> & keyof A;

/**
 * The result row of a query config on a table: selected columns, extras,
 * relations (`one` nullable unless `optional: false` without nested where;
 * `many` arrays) and `_count`, recursively. Written in that order (shape.ts),
 * a later part's key replaces an earlier one's: an extra named as a column
 * is the extra's value.
 */
export type BuildQueryResult<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  TQuery,
> = TQuery extends object
  ? Simplify<
      Over<
        Over<WithExtras<SelectedColumns<TConfig['table'], TQuery>, TQuery>, WithResult<TSchema, TConfig, TQuery>>,
        CountResult<TQuery>
      >
    >
  : RowOf<TConfig['table']>;
