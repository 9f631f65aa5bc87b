import {
  type DefineSchemaOptions,
  defineSchema as defineConvexSchema,
  defineTable,
  type SchemaDefinition,
  type TableDefinition,
} from 'convex/server';
import { type GenericValidator, type VObject, v } from 'convex/values';
import { OrmError } from '../errors.js';
import type { StoredModel } from './inference.js';
import { RESERVED_TABLE_NAMES } from './names.js';
import { type MigrationTables, migrationTables } from './reservedTables.js';
import { type AnyTable, getTableConfig, type TableConfig } from './table.js';
import { storedValidator } from './validators.js';

type Tables = Record<string, AnyTable>;

type IndexFields<T extends AnyTable> = {
  [N in keyof T['_']['indexes']]: [...T['_']['indexes'][N], '_creationTime'];
};

type ConvexTableDefinition<T extends AnyTable> = TableDefinition<
  VObject<StoredModel<T['_']['columns']>, Record<string, GenericValidator>, 'required', string>,
  IndexFields<T>
>;

/** The Convex schema of the given tables, keyed by table name, plus the migration tables. */
export type OrmSchema<T extends Tables> = {
  [K in keyof T as T[K]['_']['name']]: ConvexTableDefinition<T[K]>;
} & MigrationTables;

/**
 * Builds a real Convex `SchemaDefinition` (for `convex dev`, codegen and
 * convex-test) from ORM tables, with the migration state tables added.
 * Validates that every foreign key points at a column of a table in `tables`.
 */
export function defineSchema<const T extends Tables, StrictTableNameTypes extends boolean = true>(
  tables: T,
  options?: DefineSchemaOptions<StrictTableNameTypes>,
): SchemaDefinition<OrmSchema<T>, StrictTableNameTypes> {
  const configs = collectTables(tables);
  for (const config of configs.values()) validateForeignKeys(config, configs);
  const definitions: Record<string, TableDefinition> = { ...migrationTables };
  for (const config of configs.values()) definitions[config.name] = toConvexTable(config);
  return defineConvexSchema(definitions, options) as never;
}

function collectTables(tables: Tables): Map<string, TableConfig> {
  const configs = new Map<string, TableConfig>();
  for (const [key, table] of Object.entries(tables)) {
    const config = getTableConfig(table);
    if (RESERVED_TABLE_NAMES.has(config.name)) {
      throw new OrmError('INVALID_SCHEMA', `Table name "${config.name}" is reserved for migration state.`, {
        table: config.name,
      });
    }
    if (configs.has(config.name) && configs.get(config.name) !== config) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `Two different tables are named "${config.name}" (schema key "${key}"); Convex table names must be unique.`,
        { table: config.name },
      );
    }
    configs.set(config.name, config);
  }
  return configs;
}

function validateForeignKeys(config: TableConfig, configs: Map<string, TableConfig>): void {
  for (const fk of config.foreignKeys) {
    const targets = fk.foreignColumns();
    targets.forEach((target, i) => {
      const field = fk.fields[i]!;
      const targetTable = target ? configs.get(target.tableName) : undefined;
      if (!target || !targetTable) {
        throw new OrmError(
          'INVALID_SCHEMA',
          `Column "${config.name}.${field}" references table "${target?.tableName}", which is not in the schema; add it to defineSchema's tables.`,
          { table: config.name },
        );
      }
      const known = target.name in targetTable.columns || target.name in targetTable.systemColumns;
      if (!known) {
        throw new OrmError(
          'INVALID_SCHEMA',
          `Column "${config.name}.${field}" references unknown column "${target.tableName}.${target.name}".`,
          { table: config.name },
        );
      }
      const local = config.columns[field]!.definition;
      if (target.name === '_id' && local.kind === 'id' && local.idTable !== target.tableName) {
        throw new OrmError(
          'INVALID_SCHEMA',
          `Column "${config.name}.${field}" is id("${local.idTable}") but references "${target.tableName}._id"; use id("${target.tableName}").`,
          { table: config.name },
        );
      }
    });
  }
}

function toConvexTable(config: TableConfig): TableDefinition {
  const fields: Record<string, GenericValidator> = {};
  for (const [name, column] of Object.entries(config.columns)) fields[name] = storedValidator(column.definition);
  let table: TableDefinition = defineTable(v.object(fields));
  for (const index of config.indexes) table = table.index(index.name, [...index.fields] as never);
  for (const search of config.searchIndexes) {
    table = table.searchIndex(search.name, {
      searchField: search.searchField,
      filterFields: [...search.filterFields],
    } as never);
  }
  for (const vector of config.vectorIndexes) {
    table = table.vectorIndex(vector.name, {
      vectorField: vector.vectorField,
      dimensions: vector.dimensions,
      filterFields: [...vector.filterFields],
    } as never);
  }
  return table;
}
