import { type GenericId, type GenericValidator, type Validator, v } from 'convex/values';
import { OrmError } from '../errors.js';
import { hasReadCodec } from './codec.js';
import {
  ColumnBuilder,
  type ColumnDefinition,
  type ColumnKind,
  type ColumnSelectType,
  type ColumnTypeConfig,
  isColumnBuilder,
} from './column.js';
import { describe } from './conforms.js';
import { validateFieldNames } from './names.js';
import { storedValidator } from './validators.js';

type NullableColumn<TData, TKind extends ColumnKind> = ColumnBuilder<{
  data: TData;
  notNull: false;
  hasDefault: false;
  kind: TKind;
}>;

function column<TData, TKind extends ColumnKind>(
  kind: TKind,
  validator: GenericValidator,
  extra: Partial<ColumnDefinition> = {},
): NullableColumn<TData, TKind> {
  return new ColumnBuilder({ kind, validator, notNull: false, ...extra });
}

/** A string column. */
export function text(): NullableColumn<string, 'text'> {
  return column('text', v.string());
}

/** A string column restricted to the given literals. */
export function textEnum<const T extends readonly [string, ...string[]]>(
  values: T,
): NullableColumn<T[number], 'textEnum'> {
  if (!Array.isArray(values) || values.length === 0 || !values.every((value) => typeof value === 'string')) {
    throw new OrmError('INVALID_SCHEMA', `textEnum() takes a non-empty list of strings; got ${describe(values)}.`);
  }
  const literals = values.map((value) => v.literal(value));
  const validator = literals.length === 1 ? literals[0]! : v.union(...literals);
  return column('textEnum', validator, { enumValues: values });
}

/** A whole number, stored as a Convex float64; the ORM rejects fractions on write. */
export function integer(): NullableColumn<number, 'integer'> {
  return column('integer', v.float64());
}

/** A float64 number. */
export function number(): NullableColumn<number, 'number'> {
  return column('number', v.float64());
}

/** A boolean column. */
export function boolean(): NullableColumn<boolean, 'boolean'> {
  return column('boolean', v.boolean());
}

/** A 64-bit integer, stored as Convex int64 and read as `bigint`. */
export function bigint(): NullableColumn<bigint, 'bigint'> {
  return column('bigint', v.int64());
}

/** Binary data, read as an `ArrayBuffer`. */
export function bytes(): NullableColumn<ArrayBuffer, 'bytes'> {
  return column('bytes', v.bytes());
}

/**
 * A point in time, stored as milliseconds since the epoch (a Convex float64)
 * in every mode, so indexes order it and switching modes needs no migration.
 * It reads as that number, or with `{ mode: 'string' }` as an ISO 8601 string
 * (`toISOString()`, UTC), and writes and filters take the same. There is no
 * `'date'` mode: a `Date` is not a Convex value, so a function could not
 * return the rows; use `new Date(value)` where a `Date` is needed.
 */
export function timestamp(config?: { mode?: 'number' }): NullableColumn<number, 'timestamp'>;
export function timestamp(config: { mode: 'string' }): NullableColumn<string, 'timestamp'>;
export function timestamp(config: { mode?: 'number' | 'string' } = {}) {
  if (typeof config !== 'object' || config === null) {
    throw new OrmError('INVALID_SCHEMA', `timestamp() takes { mode } or nothing; got ${describe(config)}.`);
  }
  const mode = config.mode ?? 'number';
  if (mode !== 'number' && mode !== 'string') {
    throw new OrmError(
      'INVALID_SCHEMA',
      `timestamp({ mode: ${JSON.stringify(mode)} }) is not supported; use mode 'number' (milliseconds, the default) or 'string' (ISO 8601): a Date is not a Convex value, so a function could not return the rows. Convert with new Date(value) where you need one.`,
    );
  }
  return column('timestamp', v.float64(), { mode });
}

/** A calendar date stored as a `YYYY-MM-DD` string (sorts chronologically). */
export function date(): NullableColumn<string, 'date'> {
  return column('date', v.string());
}

/** A Convex document id of `table`. */
export function id<TTable extends string>(table: TTable): NullableColumn<GenericId<TTable>, 'id'> {
  if (typeof table !== 'string') {
    throw new OrmError('INVALID_SCHEMA', `id() takes the name of the table its ids are of; got ${describe(table)}.`);
  }
  return column('id', v.id(table), { idTable: table });
}

/** Any Convex value, typed as `T`. */
export function json<T = unknown>(): NullableColumn<T, 'json'> {
  return column('json', v.any());
}

type ElementType<B extends ColumnBuilder> = ColumnSelectType<B['_']>;

/** What a nested `timestamp({ mode: 'string' })` is typed as: nothing fits, as `arrayOf` / `objectOf` refuse it. */
interface NestedStringTimestamp {
  readonly "timestamp({ mode: 'string' }) cannot be nested: use timestamp() (milliseconds)": never;
}
/** What a nested column with a default is typed as: nothing fits, as `arrayOf` / `objectOf` refuse it. */
interface NestedDefault {
  readonly 'a nested column takes no default ($defaultFn, default, defaultNow, $onUpdateFn): write the value with the object': never;
}
type Nestable<B extends ColumnBuilder> = B['_'] extends { kind: 'timestamp'; data: string }
  ? NestedStringTimestamp
  : B['_'] extends { hasDefault: true }
    ? NestedDefault
    : unknown;

/**
 * The modifiers only a table's own columns apply (defaults and `$onUpdateFn` when a row is
 * written, uniques and foreign keys through the table's indexes): each as its definition key,
 * the methods that set it and what to do instead. Nested, they would do nothing.
 */
const TABLE_COLUMN_MODIFIERS = [
  [
    'default',
    '.default(), $defaultFn() or defaultNow()',
    'write the value with the object (or default the whole column)',
  ],
  ['onUpdate', '$onUpdateFn()', 'write the value with the object (or make it a column of its own)'],
  ['unique', '.unique()', 'make it a column of its own, or a uniqueIndex() on one'],
  ['primaryKey', '.primaryKey()', 'make it a column of its own'],
  ['references', '.references()', 'make it a column of its own'],
] as const satisfies readonly (readonly [keyof ColumnDefinition, string, string])[];

/**
 * The definition of a column `arrayOf` / `objectOf` nests. Not a string-mode
 * timestamp: the ISO string <-> milliseconds conversion applies to a row's
 * own columns only, so a nested one would read back as a number typed string.
 * Nor a column with a default, `$onUpdateFn`, `.unique()` or `.references()`,
 * which only a table's own columns apply: nested, they would be ignored.
 */
function nestedDefinition(builder: ColumnBuilder, where: string): ColumnDefinition {
  if (!isColumnBuilder(builder)) {
    throw new OrmError('INVALID_SCHEMA', `${where} is ${describe(builder)}, not a column (text(), integer(), ...).`);
  }
  const { definition } = builder;
  if (hasReadCodec(definition)) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `${where} cannot be timestamp({ mode: 'string' }): only a table's own columns convert ISO 8601 strings. Use timestamp() (milliseconds) and new Date(ms).toISOString(), or make it a column of its own.`,
    );
  }
  for (const [key, methods, instead] of TABLE_COLUMN_MODIFIERS) {
    if (definition[key] === undefined) continue;
    throw new OrmError(
      'INVALID_SCHEMA',
      `${where} cannot take ${methods}: only a table's own columns apply it, nested it would do nothing. Remove it and ${instead}.`,
    );
  }
  return definition;
}

/**
 * An array whose elements follow `element` (a nullable element may be `null`).
 * The element cannot be a `timestamp({ mode: 'string' })`, nor take a default,
 * `$onUpdateFn`, `.unique()` or `.references()` (`INVALID_SCHEMA`).
 */
export function arrayOf<B extends ColumnBuilder>(element: B & Nestable<B>): NullableColumn<ElementType<B>[], 'array'> {
  const inner = nestedDefinition(element, 'The element of arrayOf()');
  const validator = inner.notNull ? inner.validator : v.union(v.null(), inner.validator);
  return column('array', v.array(validator), { element: inner });
}

type ObjectType<F extends Record<string, ColumnBuilder>> = Simplify<
  { [K in keyof F as F[K]['_']['notNull'] extends true ? K : never]: F[K]['_']['data'] } & {
    [K in keyof F as F[K]['_']['notNull'] extends true ? never : K]?: F[K]['_']['data'] | null;
  }
>;

/**
 * A nested object; a nullable field may be absent or `null`. A field cannot
 * be a `timestamp({ mode: 'string' })`, nor take a default, `$onUpdateFn`,
 * `.unique()` or `.references()` (`INVALID_SCHEMA`).
 */
export function objectOf<F extends Record<string, ColumnBuilder>>(
  fields: F & { readonly [K in keyof F]: Nestable<F[K]> },
): NullableColumn<ObjectType<F>, 'object'> {
  if (typeof fields !== 'object' || fields === null) {
    throw new OrmError('INVALID_SCHEMA', `objectOf() takes an object of columns; got ${describe(fields)}.`);
  }
  // Own fields, a `__proto__` one included (an assignment would set the prototype): refused below, by name.
  const definitions: Record<string, ColumnDefinition> = Object.fromEntries(
    Object.entries(fields as F).map(([name, builder]) => [
      name,
      nestedDefinition(builder, `Field "${name}" of objectOf()`),
    ]),
  );
  const validator = v.object(
    Object.fromEntries(Object.entries(definitions).map(([name, definition]) => [name, storedValidator(definition)])),
  );
  validateFieldNames('objectOf()', validator);
  return column('object', validator, { fields: definitions });
}

/** A column with any Convex validator; its type is the validator's. */
export function custom<V extends Validator<unknown, 'required', string>>(
  validator: V,
): NullableColumn<V['type'], 'custom'> {
  if (typeof (validator as Partial<GenericValidator> | undefined)?.kind !== 'string') {
    throw new OrmError(
      'INVALID_SCHEMA',
      `custom() takes a Convex validator (v.string(), v.object(...), ...); got ${describe(validator)}.`,
    );
  }
  validateFieldNames('The validator of custom()', validator);
  return column('custom', validator);
}

/**
 * An embedding of exactly `dimensions` float64 numbers, for `vectorIndex`
 * (which takes 2 to 4096). `dimensions` must be a positive whole number
 * (`INVALID_SCHEMA`): no array has 2.5 elements.
 */
export function vector(dimensions: number): NullableColumn<number[], 'vector'> {
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `vector(${describe(dimensions)}): dimensions must be a positive whole number (a vector index takes 2 to 4096).`,
    );
  }
  return column('vector', v.array(v.float64()), { dimensions });
}

/** Flattens an intersection for readable hover types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

export type { ColumnTypeConfig };
