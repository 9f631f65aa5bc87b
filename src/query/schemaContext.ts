import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import type { AnyRelation } from '../relations/relation.js';
import { RELATIONS_SCHEMA, type RelationsSchema, type TablesRelationalConfig } from '../relations/schema.js';
import { getTableConfig, type TableConfig } from '../schema/table.js';

/** The relations object and its schema, looked up by schema key or Convex table name. */
export class SchemaContext {
  readonly schema: RelationsSchema;

  constructor(readonly relations: TablesRelationalConfig) {
    const schema = (relations as { [RELATIONS_SCHEMA]?: RelationsSchema })[RELATIONS_SCHEMA];
    if (!schema) {
      throw new OrmError('RELATION_CONFIG', 'createOrm({ relations }) needs the object defineRelations() returns.');
    }
    this.schema = schema;
  }

  /** The table config of a schema key. */
  table(key: string): TableConfig {
    const table = this.schema.tables[key];
    if (!table) throw new OrmError('INVALID_SCHEMA', `Table "${key}" is not part of the relations' schema.`);
    return getTableConfig(table);
  }

  /** The columns of a table by key, as `orderBy` callbacks receive them. */
  columns(key: string): Readonly<Record<string, unknown>> {
    const config = this.table(key);
    return { ...config.columns, ...config.systemColumns };
  }

  /** The schema key of a Convex table name. */
  keyOf(tableName: string): string {
    return this.schema.keyByName.get(tableName) ?? tableName;
  }

  /** The relation `name` of table `key`, or undefined. */
  relation(key: string, name: string): AnyRelation | undefined {
    const relations = this.relations[key]?.relations;
    return relations && hasOwn(relations, name) ? relations[name] : undefined;
  }
}
