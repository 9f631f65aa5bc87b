import { writeFileSync } from 'node:fs';
import type { JSONValue } from 'convex/values';
import { filterKey } from '../filter/filterKey.js';
import { type ColumnJson, columnJson } from '../migrations/columnJson.js';
import { encodeColumnValue } from '../schema/codec.js';
import type { ColumnDefinition } from '../schema/column.js';
import { oneOfEachName } from '../schema/constraintNames.js';
import { RESERVED_TABLE_NAMES } from '../schema/names.js';
import type { TableConfig } from '../schema/table.js';
import { TableSymbol } from '../schema/tableSymbol.js';
import { toConvexJson } from './convexJson.js';
import { CliError } from './errors.js';
import { isJsonObject, readJsonFile } from './jsonFile.js';

/** How a column fills itself on insert: a constant (its stored value as Convex JSON), a function, or the current time. */
export type DefaultSnapshot = { kind: 'value'; value: JSONValue } | { kind: 'fn' } | { kind: 'now' };

/**
 * A column as the snapshot keeps it: enough to tell which stored documents a change breaks. A
 * snapshot written before convex-orm recorded a column's whole rule has no `mode`, `idTable`,
 * `dimensions`, `element` or `fields`.
 */
export interface ColumnSnapshot extends ColumnJson {
  default?: DefaultSnapshot;
}

/**
 * A constraint as the snapshot keeps it: enough to tell whether stored documents may break it
 * (a check by its filter's key, {@link filterKey}; a foreign key without its actions).
 */
export type ConstraintSnapshot =
  | { kind: 'unique'; name: string; fields: string[]; nullsNotDistinct: boolean }
  | { kind: 'foreignKey'; name: string; fields: string[]; foreignTable: string; foreignFields: string[] }
  | { kind: 'check'; name: string; filter: string };

export interface TableSnapshot {
  columns: Record<string, ColumnSnapshot>;
  indexes: { name: string; fields: string[] }[];
  searchIndexes: { name: string; searchField: string; filterFields: string[] }[];
  vectorIndexes: { name: string; vectorField: string; dimensions: number; filterFields: string[] }[];
  /** Absent from a snapshot written before convex-orm recorded constraints. */
  constraints?: ConstraintSnapshot[];
  /** Absent from a snapshot written before convex-orm recorded aggregate indexes. */
  aggregateIndexes?: AggregateIndexSnapshot[];
  /**
   * The table left the schema (its documents stay in Convex): kept with its last columns, so a
   * table declared again under its name is compared with the documents it still holds.
   */
  removed?: true;
}

/** An aggregate index as its buckets are built: its key and what it keeps. */
export interface AggregateIndexSnapshot {
  name: string;
  key: string[];
  count: boolean;
  sum: string[];
  avg: string[];
  min: string[];
  max: string[];
  shards: number;
}

/** `convex/migrations/schema.snapshot.json`: the schema the last `migrate generate` saw. */
export interface SchemaSnapshot {
  version: 1;
  tables: Record<string, TableSnapshot>;
}

export const SNAPSHOT_FILE = 'schema.snapshot.json';

const isTable = (value: unknown): value is { [TableSymbol]: TableConfig } =>
  typeof value === 'object' && value !== null && TableSymbol in value;

/**
 * The convex-orm tables of a loaded schema module: exported tables, and tables inside exported
 * objects (`export const tables = { users, posts }`). Every table of the default export (the
 * Convex schema) must be among them, else the snapshot would silently miss it.
 */
export function ormTables(module: Record<string, unknown>): TableConfig[] {
  const found = new Map<string, TableConfig>();
  const visit = (value: unknown) => {
    if (isTable(value)) found.set(value[TableSymbol].name, value[TableSymbol]);
  };
  for (const value of Object.values(module)) {
    visit(value);
    if (typeof value === 'object' && value !== null && !isTable(value)) Object.values(value).forEach(visit);
  }
  const schema = module.default as { tables?: Record<string, unknown> } | undefined;
  if (!schema?.tables) throw new CliError('The schema file has no default export from defineSchema().');
  const missing = Object.keys(schema.tables).filter((name) => !found.has(name) && !RESERVED_TABLE_NAMES.has(name));
  if (missing.length > 0) {
    throw new CliError(
      `The schema file does not export the convex-orm table(s) ${missing.join(', ')}: export each convexTable (e.g. \`export const ${missing[0]} = convexTable(...)\`). A plain Convex schema? \`convex-orm pull\` writes a convex-orm one.`,
    );
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

function defaultSnapshot(definition: ColumnDefinition): DefaultSnapshot | undefined {
  const fill = definition.default;
  if (fill === undefined) return undefined;
  // The stored value (a timestamp in string mode stores milliseconds), which a migration writes.
  if (fill.kind === 'value')
    return { kind: 'value', value: toConvexJson(encodeColumnValue(definition, fill.value)) as JSONValue };
  return { kind: fill.kind };
}

function columnSnapshot(definition: ColumnDefinition): ColumnSnapshot {
  const fill = defaultSnapshot(definition);
  return { ...columnJson(definition), ...(fill ? { default: fill } : {}) };
}

function constraintSnapshots(table: TableConfig): ConstraintSnapshot[] {
  return [
    ...table.uniques.map(({ name, fields, nullsNotDistinct }) => ({
      kind: 'unique' as const,
      name,
      fields: [...fields],
      nullsNotDistinct,
    })),
    // `defineSchema` checked that a foreign key declared twice under one name has one target too.
    ...oneOfEachName(table.foreignKeys).map((fk) => {
      const targets = fk.foreignColumns();
      return {
        kind: 'foreignKey' as const,
        name: fk.name,
        fields: [...fk.fields],
        foreignTable: targets[0]?.tableName ?? '',
        foreignFields: targets.map((target) => target.name),
      };
    }),
    ...table.checks.map((check) => ({ kind: 'check' as const, name: check.name, filter: filterKey(check.filter) })),
  ];
}

/** The snapshot of the given tables. */
export function buildSnapshot(tables: readonly TableConfig[]): SchemaSnapshot {
  const snapshot: SchemaSnapshot = { version: 1, tables: {} };
  for (const table of tables) {
    snapshot.tables[table.name] = {
      columns: Object.fromEntries(
        Object.entries(table.columns).map(([name, column]) => [name, columnSnapshot(column.definition)]),
      ),
      indexes: table.indexes.map((index) => ({ name: index.name, fields: [...index.fields] })),
      searchIndexes: table.searchIndexes.map((search) => ({ ...search, filterFields: [...search.filterFields] })),
      vectorIndexes: table.vectorIndexes.map((vector) => ({ ...vector, filterFields: [...vector.filterFields] })),
      constraints: constraintSnapshots(table),
      aggregateIndexes: table.aggregateIndexes.map(({ name, key, count, sum, avg, min, max, shards }) => ({
        name,
        key: [...key],
        count,
        sum: [...sum],
        avg: [...avg],
        min: [...min],
        max: [...max],
        shards,
      })),
    };
  }
  return snapshot;
}

/**
 * The snapshot at `path`, or `undefined` when there is none. A file that is no snapshot, or one
 * edited by hand into another shape (a table's `constraints` that is no list), is a CliError
 * naming the file and what is wrong in it, rather than a TypeError in the diff.
 */
export function readSnapshot(path: string): SchemaSnapshot | undefined {
  const snapshot = readJsonFile(path) as SchemaSnapshot | undefined;
  if (snapshot === undefined) return undefined;
  if (snapshot?.version !== 1 || !isJsonObject(snapshot.tables)) {
    throw new CliError(`${path} is not a convex-orm schema snapshot (version 1); delete it to start over.`);
  }
  for (const [name, table] of Object.entries(snapshot.tables)) {
    const problem = tableProblem(table);
    if (problem) throw new CliError(`${path}: table "${name}" ${problem}; delete the file to start over.`);
  }
  return snapshot;
}

const isListOfObjects = (value: unknown) => Array.isArray(value) && value.every(isJsonObject);

/** What makes `table` no {@link TableSnapshot} (its lists, entry by entry, are what the diff reads), if anything. */
function tableProblem(table: unknown): string | undefined {
  if (!isJsonObject(table)) return 'is not an object';
  if (!isJsonObject(table.columns)) return 'has columns that are not an object';
  for (const [name, column] of Object.entries(table.columns)) {
    if (!isJsonObject(column) || !isJsonObject(column.validator) || typeof column.notNull !== 'boolean') {
      return `has a column "${name}" that is not an object with a validator object and a boolean notNull`;
    }
  }
  for (const key of ['indexes', 'searchIndexes', 'vectorIndexes'] as const) {
    if (!isListOfObjects(table[key])) return `has ${key} that are not a list of objects`;
  }
  // Absent from a snapshot written before convex-orm recorded constraints.
  if (table.constraints !== undefined && !isListOfObjects(table.constraints)) {
    return 'has constraints that are not a list of objects';
  }
  if (table.aggregateIndexes !== undefined && !isListOfObjects(table.aggregateIndexes)) {
    return 'has aggregateIndexes that are not a list of objects';
  }
  return undefined;
}

/**
 * `current` with the tables of `previous` it lacks kept as removed ({@link TableSnapshot.removed}):
 * what the next `migrate generate` compares with.
 */
export function keepingRemoved(previous: SchemaSnapshot, current: SchemaSnapshot): SchemaSnapshot {
  const tables = { ...current.tables };
  for (const [name, table] of Object.entries(previous.tables)) {
    if (!Object.hasOwn(tables, name)) tables[name] = { ...table, removed: true };
  }
  return { ...current, tables };
}

export function writeSnapshot(path: string, snapshot: SchemaSnapshot): void {
  writeFileSync(path, `${JSON.stringify(snapshot, null, 2)}\n`);
}
