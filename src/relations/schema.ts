import type { SchemaRegistry } from '../schema/registry.js';
import type { AnyTable } from '../schema/table.js';
import type { AnyRelation } from './relation.js';

/** The tables and relations of one table, keyed in the relations object by the table's schema key. */
export interface TableRelationalConfig<
  TTable extends AnyTable = AnyTable,
  TRelations extends Record<string, AnyRelation> = Record<string, AnyRelation>,
> {
  readonly table: TTable;
  /** The schema key (`db.query.<name>`). */
  readonly name: string;
  /** The Convex table name. */
  readonly tableName: string;
  readonly relations: TRelations;
}

/** What `defineRelations` returns: one entry per table. */
export type TablesRelationalConfig = Record<string, TableRelationalConfig>;

/**
 * Carried by every relations object: the schema of the tables its call was given. A spread
 * (`{ ...relations, ...part }`) keeps the last one's; `relationsSchema` adds the entries' tables.
 */
export const RELATIONS_SCHEMA: unique symbol = Symbol.for('convex-orm:relations-schema');

/** The schema behind a relations object: every table, the foreign-key registry, keys by Convex name. */
export interface RelationsSchema {
  readonly tables: Readonly<Record<string, AnyTable>>;
  readonly registry: SchemaRegistry;
  readonly keyByName: ReadonlyMap<string, string>;
}
