import type { Placeholder } from '../../filter/placeholder.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../../relations/schema.js';
import type { ColumnData, ColumnKeys } from './columns.js';
import type { RelationTarget } from './where.js';

// Each placeholder of a config becomes an entry [name, value type]; the value type is the type of its position.
type Entry<V, T> = V extends Placeholder<infer N> ? [N, T] : never;
type Items<V> = V extends readonly (infer I)[] ? I : never;
type Element<T> = T extends readonly (infer E)[] ? E : never;
// A list operand: the whole list a placeholder, or any of its items.
type ListEntries<V, T> = Entry<V, readonly T[]> | Entry<Items<V>, T>;

type OperatorEntries<T, Op, V> = Op extends 'NOT'
  ? FieldEntries<T, V>
  : Op extends 'OR' | 'AND'
    ? FieldEntries<T, Items<V>>
    : Op extends 'in' | 'notIn'
      ? ListEntries<V, T>
      : Op extends 'like' | 'notLike' | 'ilike' | 'notIlike'
        ? Entry<V, string>
        : Op extends 'arrayContains' | 'arrayContained' | 'arrayOverlaps'
          ? ListEntries<V, Element<T>>
          : Entry<V, T>;

// A value that is not an operator map has no placeholders: a branded id (`string & { __tableName }`)
// is an object to `extends object`, and its methods would pass for placeholders (a function has a
// `name` and a `toString`), naming every string.
type FieldEntries<T, F> = F extends Placeholder
  ? Entry<F, T>
  : F extends string | number | bigint | boolean
    ? never
    : F extends object
      ? { [Op in keyof F]-?: OperatorEntries<T, Op, F[Op]> }[keyof F]
      : never;

type WhereEntries<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig, W> = W extends object
  ? {
      [K in keyof W]-?: K extends 'OR' | 'AND'
        ? WhereEntries<TSchema, TConfig, Items<W[K]>>
        : K extends 'NOT'
          ? WhereEntries<TSchema, TConfig, W[K]>
          : K extends ColumnKeys<TConfig['table']>
            ? FieldEntries<ColumnData<TConfig['table'], K>, W[K]>
            : K extends keyof TConfig['relations']
              ? WhereEntries<TSchema, RelationTarget<TSchema, TConfig, K>, W[K]>
              : never;
    }[keyof W]
  : never;

type QueryEntries<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig, Q> =
  | (Q extends { where: infer W } ? WhereEntries<TSchema, TConfig, W> : never)
  | (Q extends { limit: infer L } ? Entry<L, number> : never)
  | (Q extends { offset: infer O } ? Entry<O, number> : never)
  | (Q extends { _count: infer C } ? CountEntries<TSchema, TConfig, C> : never)
  | (Q extends { with: infer W }
      ? {
          [R in keyof W]-?: R extends keyof TConfig['relations']
            ? QueryEntries<TSchema, RelationTarget<TSchema, TConfig, R>, W[R]>
            : never;
        }[keyof W]
      : never);

/** The placeholders of `_count: { posts: { where } }`: each where is on its relation's target table. */
type CountEntries<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig, C> = {
  [R in keyof C]-?: R extends keyof TConfig['relations']
    ? C[R] extends { where: infer W }
      ? WhereEntries<TSchema, RelationTarget<TSchema, TConfig, R>, W>
      : never
    : never;
}[keyof C];

type NameOf<E> = E extends [infer N extends string, unknown] ? N : never;
// One value stands wherever the name does: it must fit every position (an intersection; a `boolean`
// position stays `boolean`, inferred whole from one parameter).
type ValueOf<E, N> = (E extends [N, infer V] ? (value: V) => void : never) extends (value: infer I) => void ? I : never;

/**
 * The values a prepared query with config `Q` takes: one per placeholder
 * name, typed by where it stands (a column's type in its filters, an array
 * of it for `in`, `string` for `like`, `number` for `limit` and `offset`).
 * Without a placeholder, `Record<string, never>`: no name at all (the empty
 * mapped type, `{}`, would take any object, as TypeScript checks no excess
 * property against `{}`, and each such name is INVALID_QUERY at run time).
 */
export type PlaceholderValues<
  TSchema extends TablesRelationalConfig,
  TConfig extends TableRelationalConfig,
  Q,
  E = QueryEntries<TSchema, TConfig, Q>,
> = [NameOf<E>] extends [never] ? Record<string, never> : { [N in NameOf<E>]: ValueOf<E, N> };
