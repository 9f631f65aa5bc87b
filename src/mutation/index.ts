import type { GenericDatabaseWriter } from 'convex/server';
import { resolveOptions } from '../options.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import type { AnyTable } from '../schema/table.js';
import { CountQuery } from '../select/count.js';
import { DeleteBuilder } from './delete.js';
import { InsertBuilder } from './insert.js';
import { createSession, type MutationOptions, type SessionWiring } from './session.js';
import { runTransaction, type Transaction } from './transaction.js';
import type { MutationWhere } from './types.js';
import { UpdateBuilder } from './update.js';

/**
 * The mutation half of `orm.db(ctx)` in a mutation: insert, update, delete,
 * $count, transaction. `TSchema` (the ORM's relations) types relation filters in `where`.
 */
export interface MutationApi<TSchema extends TablesRelationalConfig = TablesRelationalConfig> {
  /** `insert(t).values(row | rows)`, with `.returning()` and `.onConflictDoNothing/DoUpdate()`. */
  insert<T extends AnyTable>(table: T): InsertBuilder<T>;
  /** `update(t).set(values).where(filter)` (or `.all()`), with `.returning()`. */
  update<T extends AnyTable>(table: T): UpdateBuilder<T, TSchema>;
  /** `delete(t).where(filter)` (or `.all()`), with `.returning()`; runs foreign-key actions. */
  delete<T extends AnyTable>(table: T): DeleteBuilder<T, TSchema>;
  /** The number of rows matching `filter`, bounded by the scan budget. */
  $count<T extends AnyTable>(table: T, filter?: MutationWhere<T, TSchema>): Promise<number>;
  /** Runs `fn` in the surrounding Convex mutation; `tx.rollback()` aborts it. */
  transaction<R>(fn: (tx: Transaction<MutationApi<TSchema>>) => Promise<R>): Promise<R>;
}

/**
 * Builds the mutation API over a Convex database writer and the ORM's
 * schema (`orm.schema`: tables, foreign-key registry, relations).
 * `orm.db(ctx)` calls this for writer contexts, wiring in its triggers.
 */
export function createMutationApi<TSchema extends TablesRelationalConfig = TablesRelationalConfig>(
  db: GenericDatabaseWriter<any>,
  schema: SchemaContext,
  options: MutationOptions = {},
  wiring: SessionWiring = {},
): MutationApi<TSchema> {
  const session = createSession(db, schema, resolveOptions('createMutationApi', options), wiring);
  const api: MutationApi<TSchema> = {
    insert: (table) => new InsertBuilder(session, table),
    update: (table) => new UpdateBuilder(session, table),
    delete: (table) => new DeleteBuilder(session, table),
    $count: (table: AnyTable, ...filter: unknown[]) => new CountQuery(session, table, filter),
    transaction: (fn) => runTransaction(api, fn),
  };
  return api;
}

export { DEFAULT_ROW_CAP } from '../options.js';
export type { DeleteBuilder, DeleteStatement } from './delete.js';
export type { InsertBuilder, InsertStatement, OnConflictDoNothingConfig, OnConflictDoUpdateConfig } from './insert.js';
export type { ScheduledDeleteArgs } from './scheduleDeletes.js';
export type { MutationOptions, SessionWiring } from './session.js';
export type { Transaction } from './transaction.js';
export { MAX_TRIGGER_DEPTH } from './triggerScope.js';
export type { MutationWhere, ReturningRow, ReturningSelection, UpdateSet } from './types.js';
export type { UpdateBuilder, UpdateSetBuilder, UpdateStatement } from './update.js';
