import type { GenericValidator } from 'convex/values';
import { OrmError } from '../errors.js';
import { describe } from './conforms.js';
import { givenName } from './names.js';

/** What a column stores. Drives validation, planning and codecs. */
export type ColumnKind =
  | 'text'
  | 'textEnum'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'bigint'
  | 'bytes'
  | 'timestamp'
  | 'date'
  | 'id'
  | 'json'
  | 'array'
  | 'object'
  | 'custom'
  | 'vector'
  | 'creationTime';

/** Referential actions of `.references()` and `foreignKey()`, as in SQL. */
export type ForeignKeyAction = 'cascade' | 'set null' | 'set default' | 'restrict' | 'no action';

/**
 * The type-level configuration a column builder carries (Drizzle style):
 * the value type, whether it is `notNull`, whether it has a default, and its kind.
 */
export interface ColumnTypeConfig {
  data: unknown;
  notNull: boolean;
  hasDefault: boolean;
  kind: ColumnKind;
}

/** A default given with `.default()`, `$defaultFn()` or `.defaultNow()`. */
export type ColumnDefault =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'fn'; readonly fn: () => unknown }
  | { readonly kind: 'now' };

/** A column reference declared with `.references()`. */
export interface ColumnReference {
  readonly column: () => AnyColumn;
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
}

/** Everything the runtime knows about a column, independent of its table. */
export interface ColumnDefinition {
  readonly kind: ColumnKind;
  /** Validator of a present, non-null stored value. */
  readonly validator: GenericValidator;
  readonly notNull: boolean;
  readonly default?: ColumnDefault;
  readonly onUpdate?: () => unknown;
  readonly unique?: { readonly name?: string; readonly nullsNotDistinct: boolean };
  /** Made by `.primaryKey()`: the table's primary key (a unique constraint named `<table>_pkey`). */
  readonly primaryKey?: true;
  readonly references?: ColumnReference;
  /** `timestamp({ mode: 'string' })` reads and writes ISO 8601 strings (stored as milliseconds). */
  readonly mode?: 'number' | 'string';
  readonly enumValues?: readonly string[];
  readonly dimensions?: number;
  readonly idTable?: string;
  readonly element?: ColumnDefinition;
  readonly fields?: Readonly<Record<string, ColumnDefinition>>;
}

// The runtime refuses null in a notNull column, so a data type that admits null
// (custom(v.union(v.null(), ...)), json<T | null>()) loses it here.
type WithNotNull<C extends ColumnTypeConfig> = {
  data: Exclude<C['data'], null>;
  notNull: true;
  hasDefault: C['hasDefault'];
  kind: C['kind'];
};
type WithDefault<C extends ColumnTypeConfig> = {
  data: C['data'];
  notNull: C['notNull'];
  hasDefault: true;
  kind: C['kind'];
};
type WithData<C extends ColumnTypeConfig, T> = {
  data: T;
  notNull: C['notNull'];
  hasDefault: C['hasDefault'];
  kind: C['kind'];
};

/**
 * True for a column builder, by its shape rather than `instanceof`: a schema loaded beside another
 * copy of the package (the CLI's) holds that copy's builders.
 */
export function isColumnBuilder(value: unknown): value is ColumnBuilder {
  return typeof (value as Partial<ColumnBuilder> | undefined)?.definition?.kind === 'string';
}

/**
 * An immutable column builder: every modifier returns a new builder whose
 * type records what the modifier changed.
 */
export class ColumnBuilder<C extends ColumnTypeConfig = ColumnTypeConfig> {
  declare readonly _: C;

  constructor(readonly definition: ColumnDefinition) {}

  private with<R extends ColumnTypeConfig>(patch: Partial<ColumnDefinition>): ColumnBuilder<R> {
    return new ColumnBuilder<R>({ ...this.definition, ...patch });
  }

  /** Makes the column required: stored as `T` instead of `T | null | absent`. */
  notNull(): ColumnBuilder<WithNotNull<C>> {
    return this.with({ notNull: true });
  }

  /**
   * A constant default, applied by the ORM when an insert omits the column. Beside a
   * `$defaultFn()`, in either order, the function is the one an insert calls, as Drizzle's does.
   */
  default(value: C['data']): ColumnBuilder<WithDefault<C>> {
    return this.with(this.definition.default?.kind === 'fn' ? {} : { default: { kind: 'value', value } });
  }

  /** A default computed per inserted row. */
  $defaultFn(fn: () => C['data']): ColumnBuilder<WithDefault<C>> {
    return this.with({ default: { kind: 'fn', fn } });
  }

  /** Alias of {@link ColumnBuilder.$defaultFn}. */
  $default(fn: () => C['data']): ColumnBuilder<WithDefault<C>> {
    return this.$defaultFn(fn);
  }

  /**
   * A value computed on every update that does not set the column, and on
   * insert when the column has no other default (Drizzle semantics).
   */
  $onUpdateFn(fn: () => C['data']): ColumnBuilder<WithDefault<C>> {
    return this.with({ onUpdate: fn });
  }

  /** Alias of {@link ColumnBuilder.$onUpdateFn}. */
  $onUpdate(fn: () => C['data']): ColumnBuilder<WithDefault<C>> {
    return this.$onUpdateFn(fn);
  }

  /** Narrows the TypeScript type of the column without changing its validator. */
  $type<T extends C['data']>(): ColumnBuilder<WithData<C, T>> {
    return this.with({});
  }

  /**
   * Drizzle's column primary key (a natural key, `code: text().primaryKey()`): every row already
   * has Convex's `_id` as its key, so this makes the column `notNull()` and a unique constraint
   * named `<table>_pkey` (upserts target it as any). A table has one primary key: a second one
   * (another column's, or `primaryKey({ columns })`) is `INVALID_SCHEMA`.
   */
  primaryKey(): ColumnBuilder<WithNotNull<C>> {
    return this.with({ notNull: true, primaryKey: true });
  }

  /**
   * A single-column unique constraint, enforced through an index that starts
   * with the column. With `nulls: 'not distinct'` two nulls also conflict.
   */
  unique(name?: string, config?: { nulls: 'distinct' | 'not distinct' }): ColumnBuilder<C> {
    givenName('.unique()', name, true);
    const nullsNotDistinct = config?.nulls === 'not distinct';
    return this.with({ unique: name === undefined ? { nullsNotDistinct } : { name, nullsNotDistinct } });
  }

  /**
   * A foreign key to another table's column, usually its `_id`. The ORM keeps
   * an index on this column for reverse lookups and referential actions.
   */
  references(
    column: () => AnyColumn,
    actions: { onDelete?: ForeignKeyAction; onUpdate?: ForeignKeyAction } = {},
  ): ColumnBuilder<C> {
    if (typeof column !== 'function' || typeof actions !== 'object' || actions === null) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `.references() takes a function returning the referenced column and, optionally, { onDelete, onUpdate }; got ${describe(column)} and ${describe(actions)}.`,
      );
    }
    return this.with({
      references: {
        column,
        onDelete: actions.onDelete ?? 'no action',
        onUpdate: actions.onUpdate ?? 'no action',
      },
    });
  }

  /** Defaults to the current time (`timestamp`) or today's UTC date (`date`); beside a `$defaultFn()`, as `default()`. */
  defaultNow(this: ColumnBuilder<C & { kind: 'timestamp' | 'date' }>): ColumnBuilder<WithDefault<C>> {
    return this.with(this.definition.default?.kind === 'fn' ? {} : { default: { kind: 'now' } });
  }
}

/**
 * A column bound to its table. Table objects expose these (`users.email`),
 * and operators, indexes and relations take them.
 */
export class Column<
  C extends ColumnTypeConfig = ColumnTypeConfig,
  TTable extends string = string,
  TName extends string = string,
> {
  declare readonly _: C;
  declare readonly _table: TTable;
  declare readonly _name: TName;

  constructor(
    readonly tableName: TTable,
    readonly name: TName,
    readonly definition: ColumnDefinition,
  ) {}
}

/** Any bound column. Annotate self-references with it: `.references((): AnyColumn => users._id)`. */
export type AnyColumn = Column<ColumnTypeConfig, string, string>;

/** The value type a column reads as, `null` included when it is nullable. */
export type ColumnSelectType<C extends ColumnTypeConfig> = C['notNull'] extends true ? C['data'] : C['data'] | null;

/**
 * A column as messages name it, `users.email`; an aggregate of a select (whose table, `$aggregate`,
 * no one wrote: no Convex table name starts with `$`) as written, `count(*)`, `sum(items.b)`.
 */
export function columnLabel(column: AnyColumn): string {
  return column.tableName.startsWith('$') ? column.name : `${column.tableName}.${column.name}`;
}
