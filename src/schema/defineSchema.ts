import {
  type DefineSchemaOptions,
  defineSchema as defineConvexSchema,
  defineTable,
  type SchemaDefinition,
  type TableDefinition,
} from 'convex/server';
import { type GenericValidator, type VObject, v } from 'convex/values';
import type { StoredModel } from './inference.js';
import { buildSchemaRegistry } from './registry.js';
import { type AggregateTables, aggregateTables, type MigrationTables, migrationTables } from './reservedTables.js';
import type { AnyTable, TableConfig } from './table.js';
import { storedValidator } from './validators.js';

type Tables = Record<string, AnyTable>;

type IndexFields<T extends AnyTable> = {
  [N in keyof T['_']['indexes']]: [...T['_']['indexes'][N], '_creationTime'];
};

type ConvexTableDefinition<T extends AnyTable> = TableDefinition<
  VObject<StoredModel<T['_']['columns']>, Record<string, GenericValidator>, 'required', string>,
  IndexFields<T>
>;

/** The Convex schema of the given tables, keyed by table name, plus the migration and aggregate tables. */
export type OrmSchema<T extends Tables> = {
  [K in keyof T as T[K]['_']['name']]: ConvexTableDefinition<T[K]>;
} & MigrationTables &
  AggregateTables;

/**
 * Builds a real Convex `SchemaDefinition` (for `convex dev`, codegen and
 * convex-test) from ORM tables, with the migration state tables added.
 * Validates that every foreign key points at a column of a table in `tables`.
 */
export function defineSchema<const T extends Tables, StrictTableNameTypes extends boolean = true>(
  tables: T,
  options?: DefineSchemaOptions<StrictTableNameTypes>,
): SchemaDefinition<OrmSchema<T>, StrictTableNameTypes> {
  const registry = buildSchemaRegistry(tables);
  const definitions: Record<string, TableDefinition> = { ...migrationTables, ...aggregateTables };
  for (const config of registry.tables.values()) definitions[config.name] = toConvexTable(config);
  return defineConvexSchema(definitions, options) as never;
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
