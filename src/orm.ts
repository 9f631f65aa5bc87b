import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { createMutationApi, type MutationApi } from './mutation/index.js';
import { runTransaction, type Transaction } from './mutation/transaction.js';
import { type LimitOptions, type ResolvedOrmOptions, resolveOptions } from './options.js';
import { RelationalQueryBuilder } from './query/builder.js';
import { PreparedQueryBuilder } from './query/prepared.js';
import { SchemaContext } from './query/schemaContext.js';
import { writerOf } from './queryPromise.js';
import type { TablesRelationalConfig } from './relations/schema.js';

/**
 * `createOrm(options)`: the relations, and the limits (`strict`, `scanBudget`,
 * `rowCap`; positive integers, else `INVALID_OPTION` naming the option).
 */
export interface OrmOptions<TRelations extends TablesRelationalConfig> extends LimitOptions {
  /** What `defineRelations` (optionally spread with `defineRelationsPart`s) returns. */
  readonly relations: TRelations;
}

export type { ResolvedOrmOptions };

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
  const resolved = resolveOptions('createOrm', options, ['relations']);
  const schema = new SchemaContext(options.relations);
  const prepared: Record<string, unknown> = {};
  for (const key of Object.keys(options.relations)) prepared[key] = new PreparedQueryBuilder(schema, key, resolved);
  return {
    relations: options.relations,
    options: resolved,
    schema,
    query: prepared as PreparedQueryApi<TSchema>,
    db(ctx: { readonly db: GenericDatabaseReader<any> }): never {
      const writer = writerOf(ctx.db) as GenericDatabaseWriter<any> | null;
      const query: Record<string, unknown> = {};
      for (const key of Object.keys(options.relations)) {
        query[key] = new RelationalQueryBuilder(ctx.db, schema, key, resolved, writer);
      }
      const reader: OrmReader<TSchema> = { query: query as QueryApi<TSchema> };
      if (writer === null) return reader as never;
      const mutations = createMutationApi<TSchema>(writer, schema, resolved);
      const db: OrmWriter<TSchema> = { ...reader, ...mutations, transaction: (fn) => runTransaction(db, fn) };
      return db as never;
    },
  };
}
