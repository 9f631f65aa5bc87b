import { OrmError } from '../errors.js';
import type { ResolvedForeignKey, SchemaRegistry } from './registry.js';
import type { TableConfig } from './table.js';

/** The registries of the `defineSchema` calls each table was given to: the Convex schemas it is deployed in. */
const deployedIn = new WeakMap<TableConfig, SchemaRegistry[]>();

/** The error (or `null`) of each relations registry checked so far: checked once, on its first write. */
const checked = new WeakMap<SchemaRegistry, OrmError | null>();

/** Records that the tables of `registry` are deployed together (a `defineSchema` call). */
export function recordDeployedSchema(registry: SchemaRegistry): void {
  for (const config of registry.tables.values()) {
    const schemas = deployedIn.get(config);
    if (schemas) schemas.push(registry);
    else deployedIn.set(config, [registry]);
  }
}

/** A foreign key that a table deployed beside one of `registry`'s declares on it, from a table `registry` lacks. */
function referrerLeftOut(registry: SchemaRegistry): ResolvedForeignKey | undefined {
  for (const config of registry.tables.values()) {
    for (const schema of deployedIn.get(config) ?? []) {
      for (const key of schema.referencesTo(config.name)) {
        // By name: a test (or a hot reload) may deploy another table object of the same name.
        if (!registry.tables.has(key.table)) return key;
      }
    }
  }
  return undefined;
}

/**
 * Throws `INVALID_SCHEMA` when a table of the Convex schema (`defineSchema`) references a table of
 * `registry` (the relations' schema) but is not in it: the ORM knows a table's foreign keys only
 * from the relations' tables, so a delete or update there could not run that table's `onDelete` /
 * `onUpdate` action or `restrict`, and would leave its rows dangling. Known only for tables given to
 * `defineSchema` in this module graph (a function that never imports the schema file is not checked).
 */
export function assertReferrersCovered(registry: SchemaRegistry): void {
  let error = checked.get(registry);
  if (error === undefined) {
    const key = referrerLeftOut(registry);
    error =
      key === undefined
        ? null
        : new OrmError(
            'INVALID_SCHEMA',
            `Table "${key.table}" references "${key.foreignTable}" (foreign key "${key.name}") and is in the Convex schema, but not among the tables given to defineRelations: a delete or update of "${key.foreignTable}" could not apply its onDelete / onUpdate. Add "${key.table}" to defineRelations' tables.`,
            { table: key.table },
          );
    checked.set(registry, error);
  }
  if (error) throw error;
}
