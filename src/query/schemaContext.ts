import { OrmError } from '../errors.js';
import type { FilterNode } from '../filter/tree.js';
import { hasOwn } from '../hasOwn.js';
import type { AnyRelation } from '../relations/relation.js';
import { relationsSchema } from '../relations/relationsSchema.js';
import type { RelationsSchema, TablesRelationalConfig } from '../relations/schema.js';
import { givenText } from '../schema/conforms.js';
import { getTableConfig, type TableConfig } from '../schema/table.js';

/** What a rule decides: which rows a read sees, an update or delete matches, or an insert or update may write. */
export type RowOperation = 'read' | 'insert' | 'updateUsing' | 'updateCheck' | 'delete';

/** The rules of one `orm.db(ctx)` as filters (src/rules/policy.ts builds them). */
export interface RowRules {
  /** Evaluates the rule function (once); every operation awaits it before it parses. */
  ready(): Promise<void>;
  /** The rule of table `key` for `operation` (null: no condition); throws `RULE_VIOLATION` when the rules deny it outright. */
  filter(key: string, operation: RowOperation): FilterNode | null;
}

/**
 * The relations object and its schema, looked up by schema key or Convex
 * table name, and the rules (if any) of the `db` that reads through it.
 */
export class SchemaContext {
  /** The schema this one was made from by {@link withRules} (an ORM's own, without rules): itself when made so. */
  readonly unruled: SchemaContext;

  constructor(
    readonly relations: TablesRelationalConfig,
    readonly rules: RowRules | null = null,
    /** Every table the relations cover, merged parts included: built once per relations object. */
    readonly schema: RelationsSchema = relationsSchema(relations),
    unruled?: SchemaContext,
  ) {
    this.unruled = unruled ?? this;
  }

  /** This schema as a `db` with `rules` sees it. */
  withRules(rules: RowRules): SchemaContext {
    return new SchemaContext(this.relations, rules, this.schema, this.unruled);
  }

  /** Runs `run` once the rules (if any) are evaluated; without rules, right away. */
  afterRules<R>(run: () => Promise<R>): Promise<R> {
    return this.rules ? this.rules.ready().then(run) : run();
  }

  /** The table config of a schema key. */
  table(key: string): TableConfig {
    // Own keys only, and only strings: a key of no prototype (plain JavaScript) makes `[key]` throw a TypeError.
    const table = typeof key === 'string' && hasOwn(this.schema.tables, key) ? this.schema.tables[key] : undefined;
    if (!table) throw new OrmError('INVALID_SCHEMA', `Table "${givenText(key)}" is not part of the relations' schema.`);
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
