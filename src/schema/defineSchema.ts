import {
  type DefineSchemaOptions,
  defineSchema as defineConvexSchema,
  defineTable,
  type SchemaDefinition,
  type TableDefinition,
} from 'convex/server';
import { type GenericValidator, type VObject, v } from 'convex/values';
import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { kindOf } from './conforms.js';
import { recordDeployedSchema } from './deployedSchemas.js';
import type { StoredModel } from './inference.js';
import { buildSchemaRegistry } from './registry.js';
import {
  type AggregateTables,
  aggregateTableDefinitions,
  type MigrationTables,
  migrationTableDefinitions,
} from './reservedTables.js';
import { type AnyTable, type TableConfig, TableSymbol } from './table.js';
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
 * Validates that every foreign key points at a column of a table in `tables`, and records which
 * tables are deployed together, so a statement of an ORM whose relations leave out a table that
 * references theirs, or an operation reading a relations table this schema leaves out, is refused
 * (`assertStatementRuns`, `undeployedTables`).
 *
 * The Convex table definitions (validators, indexes) are built on the first
 * read of `tables`: a function module imports the schema file for its
 * relations, so every fresh V8 context of a deployment evaluates this call,
 * and only `convex deploy` and convex-test read the definitions.
 */
export function defineSchema<const T extends Tables, StrictTableNameTypes extends boolean = true>(
  tables: T,
  options?: DefineSchemaOptions<StrictTableNameTypes>,
): SchemaDefinition<OrmSchema<T>, StrictTableNameTypes> {
  checkArguments(tables, options);
  const registry = buildSchemaRegistry(tables);
  recordDeployedSchema(registry);
  const schema = defineConvexSchema({}, options);
  let definitions: Record<string, TableDefinition> | undefined;
  Object.defineProperty(schema, 'tables', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!definitions) {
        definitions = { ...migrationTableDefinitions(), ...aggregateTableDefinitions() };
        for (const config of registry.tables.values()) definitions[config.name] = toConvexTable(config);
      }
      return definitions;
    },
  });
  return schema as never;
}

function fail(message: string): OrmError {
  return new OrmError('INVALID_SCHEMA', `defineSchema: ${message}.`);
}

/** `INVALID_SCHEMA` for arguments of the wrong kind (plain JavaScript, an `as` cast), naming the key. */
function checkArguments(tables: unknown, options: unknown): void {
  if (!isPlainObject(tables)) throw fail(`takes the tables as an object ({ users, posts }); got ${kindOf(tables)}`);
  for (const [key, table] of Object.entries(tables)) {
    if (typeof table !== 'object' || table === null || !(TableSymbol in table))
      throw fail(`"${key}" is not a table made by convexTable(); got ${kindOf(table)}`);
  }
  // Its keys are Convex's (and may grow with it): passed on as given.
  if (options !== undefined && !isPlainObject(options))
    throw fail(`takes an options object or none; got ${kindOf(options)}`);
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
