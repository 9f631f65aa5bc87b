import type { GenericDatabaseWriter } from 'convex/server';
import { convexDbOf, ctxDb } from '../ctxDb.js';
import { OrmError } from '../errors.js';
import type { TransactionCtx } from '../limits/meteredDb.js';
import { resolveOptions } from '../options.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { writerOf } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import { type MutationApi, MutationDb } from './api.js';
import { createSession, type MutationOptions, type SessionWiring } from './session.js';

/**
 * Builds the mutation API over a mutation's `ctx` (or its `ctx.db` alone) and
 * the ORM's schema (`orm.schema`: tables, foreign-key registry, relations),
 * options resolved here. Given `ctx`, its limit checks count what the
 * function read and wrote before (`ctx.meta`), as `orm.db(ctx)`'s do; given
 * `ctx.db`, only its own statements. `orm.db(ctx)` builds the same API
 * (a `MutationDb`) from the options `createOrm` resolved once, wiring
 * in its triggers.
 */
export function createMutationApi<TSchema extends TablesRelationalConfig = TablesRelationalConfig>(
  target: GenericDatabaseWriter<any> | TransactionCtx<GenericDatabaseWriter<any>>,
  schema: SchemaContext,
  options: MutationOptions = {},
  wiring: SessionWiring = {},
): MutationApi<TSchema> {
  const ctx = convexDbOf({ db: target }) === undefined ? (target as TransactionCtx<unknown>) : { db: target };
  const db = ctxDb(ctx as TransactionCtx<GenericDatabaseWriter<any>>, 'createMutationApi(ctx)');
  if (writerOf(db) === null) {
    throw new OrmError(
      'INVALID_QUERY',
      "createMutationApi(ctx) needs a mutation's ctx (or its db): this database does not write (a query's).",
    );
  }
  return new MutationDb<TSchema>(
    createSession(db, schema, resolveOptions('createMutationApi', options), wiring, ctx.meta),
  );
}

export { DEFAULT_ROW_CAP } from '../options.js';
export type { MutationApi } from './api.js';
export type { DeleteBuilder, DeleteStatement } from './delete.js';
export type { InsertBuilder, InsertStatement, OnConflictDoNothingConfig, OnConflictDoUpdateConfig } from './insert.js';
export type { ScheduledDeleteArgs } from './scheduleDeletes.js';
export type { MutationOptions, SessionWiring } from './session.js';
export type { Transaction, TransactionConfig } from './transaction.js';
export { MAX_TRIGGER_DEPTH } from './triggerScope.js';
export type { MutationWhere, ReturningRow, ReturningSelection, UpdateSet } from './types.js';
export type { UpdateBuilder, UpdateSetBuilder, UpdateStatement } from './update.js';
