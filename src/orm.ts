import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { createMutationApi, type MutationApi, type MutationOptions } from './mutation/index.js';
import { runTransaction, type Transaction } from './mutation/transaction.js';
import { DEFAULT_SCAN_BUDGET } from './query/budget.js';
import { RelationalQueryBuilder } from './query/builder.js';
import { nonNegativeInteger } from './query/parseQuery.js';
import { PreparedQueryBuilder } from './query/prepared.js';
import { SchemaContext } from './query/schemaContext.js';
import type { TablesRelationalConfig } from './relations/schema.js';

/** `createOrm(options)`. */
export interface OrmOptions<TRelations extends TablesRelationalConfig> {
  /** What `defineRelations` (optionally spread with `defineRelationsPart`s) returns. */
  readonly relations: TRelations;
  /** Full table scans throw `FULL_SCAN_FORBIDDEN` instead of running within the budget. */
  readonly strict?: boolean;
  /** Documents one query may read, relations included (default {@link DEFAULT_SCAN_BUDGET}). */
  readonly scanBudget?: number;
  /** The most rows one insert/update/delete may write, cascades included (default `DEFAULT_ROW_CAP`). */
  readonly rowCap?: MutationOptions['rowCap'];
}

/** The options every read and write of an ORM runs with, defaults applied. */
export interface ResolvedOrmOptions {
  readonly strict: boolean;
  readonly scanBudget: number;
}

/** `db.query`: one relational query builder per table key. */
export type QueryApi<TSchema extends TablesRelationalConfig> = {
  readonly [K in keyof TSchema & string]: RelationalQueryBuilder<TSchema, TSchema[K]>;
};

/** `orm.query`: one module-scope query builder per table key, for prepared queries. */
export type PreparedQueryApi<TSchema extends TablesRelationalConfig> = {
  readonly [K in keyof TSchema & string]: PreparedQueryBuilder<TSchema, TSchema[K]>;
};

/** What `orm.db(ctx)` returns in a query (the mutation API joins it in mutations). */
export interface OrmReader<TSchema extends TablesRelationalConfig> {
  readonly query: QueryApi<TSchema>;
}

/** What `orm.db(ctx)` returns in a mutation: queries plus insert/update/delete/$count/transaction. */
export type OrmWriter<TSchema extends TablesRelationalConfig> = OrmReader<TSchema> &
  Omit<MutationApi<TSchema>, 'transaction'> & {
    /** Runs `fn` in the surrounding Convex mutation; `tx.rollback()` aborts it. */
    transaction<R>(fn: (tx: Transaction<OrmWriter<TSchema>>) => Promise<R>): Promise<R>;
  };

/** What `createOrm` returns: create once at module scope, then `orm.db(ctx)` per function call. */
export interface Orm<TSchema extends TablesRelationalConfig> {
  readonly relations: TSchema;
  readonly options: ResolvedOrmOptions;
  /** The schema the relations carry (tables, registry), shared with the mutation layer. */
  readonly schema: SchemaContext;
  /**
   * Queries to prepare at module scope: `orm.query.users.findFirst({ where: { email: sql.placeholder('email') } })
   * .prepare('userByEmail')`, then `.execute(ctx, { email })` in any query or mutation.
   */
  readonly query: PreparedQueryApi<TSchema>;
  /** In a mutation (a writer `ctx.db`): queries and the mutation API. */
  db(ctx: { readonly db: GenericDatabaseWriter<any> }): OrmWriter<TSchema>;
  /** In a query: `db.query.<table>`. */
  db(ctx: { readonly db: GenericDatabaseReader<any> }): OrmReader<TSchema>;
}

/**
 * Creates the ORM for a schema's relations: `const orm = createOrm({
 * relations })`, then `orm.db(ctx).query.users.findMany(...)` inside any
 * Convex query or mutation.
 */
export function createOrm<const TSchema extends TablesRelationalConfig>(options: OrmOptions<TSchema>): Orm<TSchema> {
  const schema = new SchemaContext(options.relations);
  const resolved: ResolvedOrmOptions = {
    strict: options.strict ?? false,
    scanBudget: nonNegativeInteger('scanBudget', options.scanBudget) ?? DEFAULT_SCAN_BUDGET,
  };
  const prepared: Record<string, unknown> = {};
  for (const key of Object.keys(options.relations)) prepared[key] = new PreparedQueryBuilder(schema, key, resolved);
  return {
    relations: options.relations,
    options: resolved,
    schema,
    query: prepared as PreparedQueryApi<TSchema>,
    db(ctx: { readonly db: GenericDatabaseReader<any> }): never {
      const query: Record<string, unknown> = {};
      for (const key of Object.keys(options.relations)) {
        query[key] = new RelationalQueryBuilder(ctx.db, schema, key, resolved);
      }
      const reader: OrmReader<TSchema> = { query: query as QueryApi<TSchema> };
      if (!isWriter(ctx.db)) return reader as never;
      const mutations = createMutationApi<TSchema>(ctx.db, schema, { ...resolved, rowCap: options.rowCap });
      const writer: OrmWriter<TSchema> = { ...reader, ...mutations, transaction: (fn) => runTransaction(writer, fn) };
      return writer as never;
    },
  };
}

function isWriter(db: GenericDatabaseReader<any>): db is GenericDatabaseWriter<any> {
  return typeof (db as Partial<GenericDatabaseWriter<any>>).insert === 'function';
}
