import { OrmError } from '../errors.js';
import { Column, type ForeignKeyAction } from './column.js';
import { describe, mayEqual } from './conforms.js';
import { checkForeignKeyNames, oneOfEachName } from './constraintNames.js';
import { type AnyTable, columnOf, getTableConfig, type TableConfig } from './table.js';
import { findUniqueOn } from './tableIndexes.js';

/** A foreign key with its target resolved. */
export interface ResolvedForeignKey {
  readonly name: string;
  /** The referencing table. */
  readonly table: string;
  readonly fields: readonly string[];
  readonly foreignTable: string;
  readonly foreignFields: readonly string[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
}

/** Every table of a schema by Convex name, with the foreign-key graph in both directions. */
export interface SchemaRegistry {
  readonly tables: ReadonlyMap<string, TableConfig>;
  /** The table named `name`; throws `INVALID_SCHEMA` naming it when unknown. */
  table(name: string): TableConfig;
  /** Foreign keys declared on `table`. */
  foreignKeys(table: string): readonly ResolvedForeignKey[];
  /** Foreign keys of any table that point at `table`. */
  referencesTo(table: string): readonly ResolvedForeignKey[];
}

/**
 * Builds the registry of a set of tables and validates what spans tables:
 * unique names, and every foreign key pointing at a column of a table in the set.
 */
export function buildSchemaRegistry(tables: Readonly<Record<string, AnyTable>>): SchemaRegistry {
  const configs = new Map<string, TableConfig>();
  for (const [key, table] of Object.entries(tables)) {
    // Names (reserved ones included) were validated by convexTable, the only way to make a table config.
    const config = getTableConfig(table);
    const existing = configs.get(config.name);
    if (existing && existing !== config) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `Two different tables are named "${config.name}" (schema key "${key}"); Convex table names must be unique.`,
        { table: config.name },
      );
    }
    configs.set(config.name, config);
  }

  const outgoing = new Map<string, ResolvedForeignKey[]>();
  const incoming = new Map<string, ResolvedForeignKey[]>();
  for (const config of configs.values()) {
    const declared = config.foreignKeys.map((fk) => resolveForeignKey(config, fk, configs));
    checkForeignKeyNames(config.name, declared);
    const resolved = oneOfEachName(declared);
    outgoing.set(config.name, resolved);
    for (const fk of resolved) {
      const list = incoming.get(fk.foreignTable) ?? [];
      list.push(fk);
      incoming.set(fk.foreignTable, list);
    }
  }

  return {
    tables: configs,
    table(name) {
      const config = configs.get(name);
      if (!config) {
        throw new OrmError(
          'INVALID_SCHEMA',
          `Table "${name}" is not part of this schema; add it to the tables you pass.`,
          {
            table: name,
          },
        );
      }
      return config;
    },
    foreignKeys: (table) => outgoing.get(table) ?? [],
    referencesTo: (table) => incoming.get(table) ?? [],
  };
}

function resolveForeignKey(
  config: TableConfig,
  fk: TableConfig['foreignKeys'][number],
  configs: ReadonlyMap<string, TableConfig>,
): ResolvedForeignKey {
  const targets = fk.foreignColumns();
  const foreignTable = targets[0]?.tableName;
  targets.forEach((target, i) => {
    const field = fk.fields[i]!;
    // Plain JavaScript (or `any`) passes Drizzle's `users.id`, which is no column here: `undefined`.
    if (!(target instanceof Column)) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `Column "${config.name}.${field}" references ${describe(target)}, not a column: the referenced column does not exist. A table's id column is "_id" (.references(() => users._id)), not "id".`,
        { table: config.name },
      );
    }
    const targetTable = configs.get(target.tableName);
    if (!targetTable) {
      throw new OrmError(
        'INVALID_SCHEMA',
        `Column "${config.name}.${field}" references table "${target.tableName}", which is not in the schema; add it.`,
        { table: config.name },
      );
    }
    if (target.tableName !== foreignTable) {
      throw new OrmError('INVALID_SCHEMA', `Foreign key "${fk.name}" points at columns of several tables.`, {
        table: config.name,
      });
    }
    const referenced = columnOf(targetTable, target.name);
    if (!referenced) {
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
    if (!mayEqual(local, referenced.definition)) {
      const fix =
        target.name === '_id'
          ? `make it id("${target.tableName}")`
          : `give it the type of "${target.tableName}.${target.name}"`;
      throw new OrmError(
        'INVALID_SCHEMA',
        `Foreign key "${fk.name}" of "${config.name}"(${fk.fields.join(', ')}) references "${foreignTable}"(${targets.map((t) => t.name).join(', ')}), but column "${config.name}.${field}" can never hold a value of "${target.tableName}.${target.name}"; ${fix}.`,
        {
          table: config.name,
          details: {
            foreignKey: fk.name,
            columns: [...fk.fields],
            foreignTable,
            column: field,
            foreignColumn: target.name,
          },
        },
      );
    }
  });
  const foreignFields = targets.map((target) => target.name);
  verifyReferencedKey(config, fk.name, configs.get(foreignTable!)!, foreignFields);
  return {
    name: fk.name,
    table: config.name,
    fields: fk.fields,
    foreignTable: foreignTable!,
    foreignFields,
    onDelete: fk.onDelete,
    onUpdate: fk.onUpdate,
  };
}

/**
 * A foreign key must reference `_id` or exactly the columns of a unique
 * constraint of its table, as Postgres requires (42830): each reference then
 * names one row, so deleting or re-keying one row acts on exactly its
 * references, and the actions can tell whether a key is still held.
 */
function verifyReferencedKey(config: TableConfig, name: string, target: TableConfig, fields: readonly string[]): void {
  if ((fields.length === 1 && fields[0] === '_id') || findUniqueOn(target.uniques, fields)) return;
  const columns = fields.join(', ');
  const fix =
    fields.length === 1
      ? `add .unique() to column "${target.name}.${fields[0]}"`
      : `add unique().on(...) or uniqueIndex(...).on(...) over exactly (${columns}) to "${target.name}"`;
  throw new OrmError(
    'INVALID_SCHEMA',
    `Foreign key "${name}" of "${config.name}" references "${target.name}"(${columns}), which is neither its _id nor a unique constraint of it; ${fix}, or reference "${target.name}._id".`,
    { table: config.name, details: { foreignKey: name, foreignTable: target.name, foreignColumns: [...fields] } },
  );
}
