import type { GenericDatabaseWriter } from 'convex/server';
import { OrmError } from '../errors.js';
import { transactionDb, unmetered } from '../limits/meteredDb.js';
import type { MetricsSource } from '../limits/transactionMetrics.js';
import type { LimitOptions, ResolvedOrmOptions } from '../options.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { assertStatementRuns } from '../schema/deployedSchemas.js';
import { type AnyTable, getTableConfig, type TableConfig } from '../schema/table.js';
import type { SelectPreparer } from '../select/prepared.js';
import type { StatementContext } from './changes.js';
import { ruleCheck } from './checkRules.js';
import { StatementReader } from './reader.js';
import type { DeletionScheduling } from './scheduleDeletes.js';
import type { TriggerScope } from './triggerScope.js';

/** Options of {@link createMutationApi} (`createOrm` passes its own). */
export type MutationOptions = LimitOptions;

/** What `createOrm` wires into the mutation API besides its options. */
export interface SessionWiring {
  /** The triggers statements fire (absent: none, or bypassed). */
  readonly triggers?: TriggerScope;
  /**
   * What statements queue behind, one at a time (default: the Convex writer).
   * Statements written by hooks run inside the statement whose hooks they
   * are, so each hook level has its own.
   */
  readonly lock?: object;
  /** Schedules the hard deletes of `deletion('scheduled')` tables. */
  readonly scheduling?: DeletionScheduling;
  /** What the `db`'s selects are prepared with (`createOrm`'s `db`s; a select of another's is not prepared). */
  readonly preparer?: SelectPreparer;
}

/** What every statement builder of one `db` shares. */
export interface MutationSession {
  readonly db: GenericDatabaseWriter<any>;
  readonly schema: SchemaContext;
  readonly options: ResolvedOrmOptions;
  readonly triggers: TriggerScope | null;
  /** What this `db`'s operations queue behind, one at a time (see {@link SessionWiring.lock}). */
  readonly lock: object;
  readonly scheduling: DeletionScheduling | null;
  /** A `transaction(fn, { accessMode: 'read only' })`'s: every statement is refused. */
  readonly readOnly: boolean;
  /** What the `db`'s selects are prepared with (see {@link SessionWiring.preparer}). */
  readonly preparer?: SelectPreparer | undefined;
}

/**
 * The session of one `db`, from options already resolved (`resolveOptions`):
 * reads metered (unless `db` is metered already), against the transaction's own metrics
 * when `meta` (`ctx.meta`) is given.
 */
export function createSession(
  db: GenericDatabaseWriter<any>,
  schema: SchemaContext,
  options: ResolvedOrmOptions,
  wiring: SessionWiring = {},
  meta?: MetricsSource,
): MutationSession {
  return {
    db: transactionDb(db, options.transactionBudget, meta),
    schema,
    options,
    triggers: wiring.triggers ?? null,
    lock: wiring.lock ?? unmetered(db),
    scheduling: wiring.scheduling ?? null,
    readOnly: false,
    preparer: wiring.preparer,
  };
}

/**
 * A fresh context for one statement (its reads are memoized per statement only); `returnsRows`
 * when its `returning()` gives back the rows it inserts or updates, `readsInsertsBack` when it
 * reads its inserted rows' `_creationTime` back after writing them.
 */
export function statementContext(
  session: MutationSession,
  returnsRows = false,
  readsInsertsBack = false,
): StatementContext {
  return {
    db: session.db,
    registry: session.schema.schema.registry,
    reader: new StatementReader(session.db),
    rowCap: session.options.rowCap,
    triggers: session.triggers,
    scheduling: session.scheduling,
    rules: ruleCheck(session.schema, session.db, session.options),
    returnsRows,
    creationTimes: readsInsertsBack ? new Map() : null,
  };
}

/**
 * The config of the table a statement writes, which must be the session's schema's own table of
 * that name (`INVALID_SCHEMA` otherwise, before any read): a table left out of the relations has no
 * foreign keys in the registry (deleting what it references would not cascade to it) and
 * possibly no indexes deployed, and another table object reusing a schema table's name would
 * write by columns and constraints the schema's table does not have. The table, and when
 * `reachesReferrers` (a delete or update: its foreign-key actions read the tables referencing it)
 * those its actions read, must be in the app's Convex schema when it is known, and for the same
 * reason as above a table of the Convex schema that references one of the relations' tables must
 * be among them: no statement of such an ORM runs (`assertStatementRuns`).
 */
export function statementTable(session: MutationSession, table: AnyTable, reachesReferrers: boolean): TableConfig {
  const config = getTableConfig(table);
  if (session.readOnly) {
    throw new OrmError(
      'INVALID_QUERY',
      `Cannot write to "${config.name}" in a read-only transaction (transaction(fn, { accessMode: 'read only' })), as Postgres refuses; write outside it, or leave accessMode out.`,
      { table: config.name },
    );
  }
  const { registry } = session.schema.schema;
  // `INVALID_SCHEMA` naming a table the schema does not have.
  const own = registry.table(config.name);
  assertStatementRuns(registry, config.name, reachesReferrers);
  if (own === config) return config;
  throw new OrmError(
    'INVALID_SCHEMA',
    `The table "${config.name}" given is not the ORM schema's table "${config.name}" (another convexTable() of that name); use the schema's table.`,
    { table: config.name },
  );
}
