import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { kindOf } from '../schema/conforms.js';
import { buildSchemaRegistry } from '../schema/registry.js';
import { type AnyTable, getTableConfig } from '../schema/table.js';
import { relationError } from './errors.js';
import {
  RELATIONS_SCHEMA,
  type RelationsSchema,
  type TableRelationalConfig,
  type TablesRelationalConfig,
} from './schema.js';

/**
 * The schema of `tables`: the tables by key, their foreign-key registry, keys
 * by Convex name. A table under two keys throws `INVALID_SCHEMA`: rules,
 * triggers and statements find a table's key by its name, so a second key
 * would take the first one's rules and triggers away from its writes.
 */
export function schemaOf(tables: Readonly<Record<string, AnyTable>>): RelationsSchema {
  const registry = buildSchemaRegistry(tables);
  const keyByName = new Map<string, string>();
  for (const [key, table] of Object.entries(tables)) {
    const { name } = getTableConfig(table);
    const other = keyByName.get(name);
    if (other !== undefined) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `Table "${name}" is in the relations' schema under two keys, "${other}" and "${key}"; give each table one key (rules and triggers are keyed by it).`,
        { table: name },
      );
    }
    keyByName.set(name, key);
  }
  return { tables, registry, keyByName };
}

/**
 * The schema `relations` carries, given to `call`; `RELATION_CONFIG` when it is not what
 * `defineRelations()` returns (plain JavaScript, an `as` cast), not a TypeError later.
 */
export function carriedSchema(call: string, relations: unknown): RelationsSchema {
  const carried = (relations as { [RELATIONS_SCHEMA]?: RelationsSchema } | null | undefined)?.[RELATIONS_SCHEMA];
  if (carried) return carried;
  throw new OrmError(
    'RELATION_CONFIG',
    `${call} needs the object defineRelations() returns; got ${kindOf(relations)}.`,
  );
}

/**
 * The schema a relations object covers: the one it carries under
 * {@link RELATIONS_SCHEMA} and the table of each of its entries. A spread of
 * parts (`{ ...relations, ...part }`) carries only the last one's schema, which
 * a part built over some of the tables does not cover (Drizzle takes any
 * record); the entries kept from the others still know their tables. Throws
 * `RELATION_CONFIG` when the object carries no schema, or when a relation
 * joins a table neither covers.
 */
export function relationsSchema(relations: TablesRelationalConfig): RelationsSchema {
  const carried = carriedSchema('createOrm({ relations })', relations);
  const entries = Object.values(relations);
  const covered = entries.every((entry) => carried.tables[entry.name] === entry.table);
  const schema = covered
    ? carried
    : schemaOf({ ...carried.tables, ...Object.fromEntries(entries.map((entry) => [entry.name, entry.table])) });
  for (const entry of entries) checkJoinedTables(schema, entry);
  return schema;
}

function checkJoinedTables(schema: RelationsSchema, { name: source, relations }: TableRelationalConfig): void {
  for (const relation of Object.values(relations)) {
    const missing = [relation.targetTable, relation.through?.table].find(
      (key) => key !== undefined && !hasOwn(schema.tables, key),
    );
    if (missing === undefined) continue;
    throw relationError(
      source,
      relation.fieldName,
      relation,
      `table "${missing}" is in none of the merged relations' schemas (a part over other tables replaced this relation's); build the relations with defineRelations() over every table and spread the parts after them`,
    );
  }
}
