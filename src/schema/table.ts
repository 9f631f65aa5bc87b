import type { GenericId } from 'convex/values';
import { v } from 'convex/values';
import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { hasOwn } from '../hasOwn.js';
import type { AggregateIndexConfig } from './aggregateConfig.js';
import { storedColumnValue } from './codec.js';
import {
  type AnyColumn,
  Column,
  type ColumnBuilder,
  type ColumnDefinition,
  type ColumnTypeConfig,
  type ForeignKeyAction,
  isColumnBuilder,
} from './column.js';
import { describe } from './conforms.js';
import type { IndexDefinition, SearchIndexDefinition, TableExtra, VectorIndexDefinition } from './constraints.js';
import type { DeletionConfig } from './deletion.js';
import type { InsertModel, SelectModel } from './inference.js';
import { validateColumnName, validateIndexName, validateTableName } from './names.js';
import { planTableIndexes } from './tableIndexes.js';
import { type AliasSymbol, TableSymbol } from './tableSymbol.js';
import { generatedValueProblem } from './valueProblem.js';

export { TableSymbol };

/** An index of the table, in Convex terms. `source` says why it exists. */
export interface IndexConfig {
  readonly name: string;
  readonly fields: readonly string[];
  readonly source: 'index' | 'unique' | 'foreignKey' | 'aggregate';
}

/** A unique constraint and the index that enforces it. */
export interface UniqueConfig {
  readonly name: string;
  readonly fields: readonly string[];
  readonly nullsNotDistinct: boolean;
  readonly index: string;
}

/** A foreign key, before its target table is resolved. */
export interface ForeignKeyDeclaration {
  readonly name: string;
  readonly fields: readonly string[];
  readonly foreignColumns: () => readonly AnyColumn[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
}

/** A search index of a table, as `searchIndex(name).on(field).filter(...)` declares it. */
export interface SearchIndexConfig {
  readonly name: string;
  readonly searchField: string;
  readonly filterFields: readonly string[];
}

/** A vector index of a table, as `vectorIndex(name).on(field)` declares it. */
export interface VectorIndexConfig {
  readonly name: string;
  readonly vectorField: string;
  readonly dimensions: number;
  readonly filterFields: readonly string[];
}

/** A `check(name, filter)` constraint: a written row must not make `filter` FALSE (UNKNOWN passes, as in SQL). */
export interface CheckConfig {
  readonly name: string;
  readonly filter: FilterNode;
}

/** Everything the ORM knows about a table. */
export interface TableConfig {
  readonly name: string;
  /** User columns in definition order (system columns excluded). */
  readonly columns: Readonly<Record<string, AnyColumn>>;
  /** `_id` and `_creationTime`. */
  readonly systemColumns: Readonly<Record<'_id' | '_creationTime', AnyColumn>>;
  readonly indexes: readonly IndexConfig[];
  readonly uniques: readonly UniqueConfig[];
  readonly foreignKeys: readonly ForeignKeyDeclaration[];
  readonly searchIndexes: readonly SearchIndexConfig[];
  readonly vectorIndexes: readonly VectorIndexConfig[];
  readonly checks: readonly CheckConfig[];
  /** Aggregate indexes (`aggregateIndex(...)`), kept up to date by every ORM write. */
  readonly aggregateIndexes: readonly AggregateIndexConfig[];
  /** Soft or scheduled delete (`deletion(...)`); absent: `delete` removes rows. */
  readonly deletion?: DeletionConfig;
}

type IndexesOf<TExtra extends readonly TableExtra[]> = {
  [D in TExtra[number] as D extends IndexDefinition<infer N, readonly string[]> ? N : never]: D extends IndexDefinition<
    string,
    infer F
  >
    ? F
    : never;
};

type SearchIndexesOf<TExtra extends readonly TableExtra[]> = {
  [D in TExtra[number] as D extends SearchIndexDefinition<infer N, string>
    ? N
    : never]: D extends SearchIndexDefinition<string, infer F> ? F : never;
};

type VectorIndexesOf<TExtra extends readonly TableExtra[]> = {
  [D in TExtra[number] as D extends VectorIndexDefinition<infer N, string>
    ? N
    : never]: D extends VectorIndexDefinition<string, infer F> ? F : never;
};

/** The type-level description of a table, kept under `_`. */
export interface TableTypeConfig {
  name: string;
  columns: Record<string, ColumnBuilder>;
  indexes: Record<string, readonly string[]>;
  /** Search index names, each with the union of its filter fields. */
  searchIndexes?: Record<string, string>;
  /** Vector index names, each with the union of its filter fields. */
  vectorIndexes?: Record<string, string>;
}

type IdColumnConfig<TName extends string> = { data: GenericId<TName>; notNull: true; hasDefault: true; kind: 'id' };
type CreationTimeColumnConfig = { data: number; notNull: true; hasDefault: true; kind: 'creationTime' };

/** The name a table goes by in a select and in its columns: its alias, else its Convex table name. */
export type ScopeName<T extends AnyTable> = T extends { readonly [AliasSymbol]: infer A extends string }
  ? A
  : T['_']['name'];

/** Any table created with {@link convexTable}, or an alias of one. */
export interface AnyTable {
  readonly [TableSymbol]: TableConfig;
  readonly _: TableTypeConfig;
  // Every table has its system columns, so a helper generic over a table (`<T extends AnyTable>(t: T)`)
  // can name them; `this` is that table, so `t._id` takes a `GenericId` of it and filters its statements.
  readonly _id: Column<IdColumnConfig<this['_']['name']>, ScopeName<this>, '_id'>;
  readonly _creationTime: Column<CreationTimeColumnConfig, ScopeName<this>, '_creationTime'>;
}

type BuildColumns<TName extends string, TColumns extends Record<string, ColumnBuilder>> = {
  readonly [K in keyof TColumns & string]: Column<TColumns[K]['_'], TName, K>;
};

type SystemColumns<TName extends string> = {
  readonly _id: Column<IdColumnConfig<TName>, TName, '_id'>;
  readonly _creationTime: Column<CreationTimeColumnConfig, TName, '_creationTime'>;
};

/** A table object: its columns as properties, plus `$inferSelect` / `$inferInsert`. */
export type ConvexTable<T extends TableTypeConfig> = BuildColumns<T['name'], T['columns']> &
  SystemColumns<T['name']> & {
    readonly [TableSymbol]: TableConfig;
    readonly _: T;
    readonly $inferSelect: SelectModel<T['name'], T['columns']>;
    readonly $inferInsert: InsertModel<T['columns']>;
  };

/**
 * Defines a table: `convexTable('users', { name: text().notNull() }, (t) => [index('by_name').on(t.name)])`.
 * Names, columns and indexes are validated here; references across tables in `defineSchema`.
 */
export function convexTable<
  TName extends string,
  TColumns extends Record<string, ColumnBuilder>,
  const TExtra extends readonly TableExtra[] = [],
>(
  name: TName,
  columns: TColumns,
  extraConfig?: (table: BuildColumns<TName, TColumns> & SystemColumns<TName>) => TExtra,
): ConvexTable<{
  name: TName;
  columns: TColumns;
  indexes: IndexesOf<TExtra>;
  searchIndexes: SearchIndexesOf<TExtra>;
  vectorIndexes: VectorIndexesOf<TExtra>;
}> {
  validateTableName(name);
  if (typeof columns !== 'object' || columns === null) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `convexTable("${name}") takes an object of columns; got ${describe(columns)}.`,
      {
        table: name,
      },
    );
  }
  if (extraConfig !== undefined && typeof extraConfig !== 'function') {
    throw new OrmError(
      'INVALID_SCHEMA',
      `convexTable("${name}") takes its indexes and constraints as a function of the columns, (t) => [...]; got ${describe(extraConfig)}.`,
      { table: name },
    );
  }
  const bound: Record<string, AnyColumn> = {};
  for (const [key, builder] of Object.entries(columns)) {
    validateColumnName(name, key);
    if (!isColumnBuilder(builder)) {
      // `undefined` most often: a column imported through a circular import, read before it is made.
      throw new OrmError(
        'INVALID_SCHEMA',
        `Column "${name}.${key}" is ${describe(builder)}, not a column (text(), integer(), id(...), ...).`,
        { table: name, details: { column: key } },
      );
    }
    checkDefaultNow(name, key, builder.definition);
    checkConstantDefault(name, key, builder.definition);
    bound[key] = new Column(name, key, builder.definition);
  }
  const systemColumns = {
    _id: new Column(name, '_id', { kind: 'id', validator: v.id(name), notNull: true, idTable: name }),
    _creationTime: new Column(name, '_creationTime', { kind: 'creationTime', validator: v.float64(), notNull: true }),
  };
  const columnsView = { ...bound, ...systemColumns } as BuildColumns<TName, TColumns> & SystemColumns<TName>;
  const extras = extraConfig ? extraConfig(columnsView) : [];
  const config = planTableIndexes(name, bound, systemColumns, extras);
  for (const index of [...config.indexes, ...config.searchIndexes, ...config.vectorIndexes]) {
    validateIndexName(name, index.name);
  }
  return Object.freeze({ ...columnsView, [TableSymbol]: config }) as never;
}

/**
 * `.defaultNow()` is typed for `timestamp()` and `date()` only; called from plain JavaScript on
 * another column it would write the time into a `text()` (every insert then failing) or an
 * `integer()` silently.
 */
function checkDefaultNow(table: string, column: string, definition: ColumnDefinition): void {
  if (definition.default?.kind !== 'now' || definition.kind === 'timestamp' || definition.kind === 'date') return;
  throw new OrmError(
    'INVALID_SCHEMA',
    `Column "${table}.${column}" has .defaultNow(), which is for timestamp() and date() columns, not ${definition.kind}(); use .$defaultFn(() => ...).`,
    { table, details: { column } },
  );
}

/**
 * A constant `.default(value)` must be a value its column holds: the types cannot tell
 * `integer().default(1.5)` or `date().default('2024-1-5')` apart from good ones, and every insert
 * omitting the column (and every `set default`) would fail on a value its caller never wrote.
 * Checked as a write checks it, once encoded ({@link storedColumnValue}).
 */
function checkConstantDefault(table: string, column: string, definition: ColumnDefinition): void {
  if (definition.default?.kind !== 'value') return;
  const { value } = definition.default;
  const problem = generatedValueProblem(definition, value, storedColumnValue(definition, value));
  if (problem === null) return;
  throw new OrmError(
    'INVALID_SCHEMA',
    `Column "${table}.${column}" has .default(${describe(value)}), which it cannot hold: ${problem}; give a value of the column's type.`,
    { table, details: { column } },
  );
}

/** The runtime configuration of a table: columns, indexes, constraints. */
export function getTableConfig(table: AnyTable): TableConfig {
  const config = (table as Partial<AnyTable>)?.[TableSymbol];
  if (!config) {
    throw new OrmError('INVALID_SCHEMA', 'Expected a table created with convexTable().');
  }
  return config;
}

/**
 * The column `name` of a table: a declared column or `_id` / `_creationTime`.
 * Only own keys count, so `constructor` or `toString` is no column.
 */
export function columnOf(table: TableConfig, name: string): AnyColumn | undefined {
  const column = userColumnOf(table, name);
  if (column) return column;
  return hasOwn(table.systemColumns, name) ? table.systemColumns[name as '_id'] : undefined;
}

/** The declared (writable) column `name` of a table; like `columnOf`, prototype keys are no column. */
export function userColumnOf(table: TableConfig, name: string): AnyColumn | undefined {
  return hasOwn(table.columns, name) ? table.columns[name] : undefined;
}

/**
 * The columns of a table, or of an alias of one (`alias(users, 'inviter')`), by key. The system
 * columns are named apart so that they are there for a table generic over `AnyTable` too.
 */
export type TableColumns<T extends AnyTable> = Pick<T, '_id' | '_creationTime'> & {
  readonly [K in keyof T as T[K] extends AnyColumn ? K : never]: T[K];
};

/**
 * Every column of a table by key, as Drizzle's: `_id` and `_creationTime`
 * first (the order of `db.select()`'s rows), then the declared columns in
 * definition order, so `db.select(getTableColumns(users))` selects what
 * `db.select()` does, `_id` included. The table's own column objects: an
 * alias's are its own (`inviter.name`), not those of the table in its config,
 * so a self-join selects the alias's row whole.
 */
export function getTableColumns<T extends AnyTable>(table: T): TableColumns<T> {
  const { systemColumns, columns } = getTableConfig(table);
  const own = table as unknown as Record<string, AnyColumn>;
  const selected: Record<string, AnyColumn> = {};
  for (const key of Object.keys(systemColumns)) selected[key] = own[key]!;
  for (const key of Object.keys(columns)) selected[key] = own[key]!;
  return selected as TableColumns<T>;
}

/** The Convex name of a table. */
export function getTableName<T extends AnyTable>(table: T): T['_']['name'] {
  return getTableConfig(table).name;
}

export type { ColumnTypeConfig };
