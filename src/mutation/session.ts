import type { GenericDatabaseWriter } from 'convex/server';
import { DEFAULT_SCAN_BUDGET } from '../query/budget.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { StatementContext } from './changes.js';
import { ruleCheck } from './checkRules.js';
import { StatementReader } from './reader.js';
import type { DeletionScheduling } from './scheduleDeletes.js';
import type { TriggerScope } from './triggerScope.js';

/** The default most rows one statement may write, foreign-key actions included. */
export const DEFAULT_ROW_CAP = 1000;

/** Options of {@link createMutationApi} (`createOrm` passes its own `strict` and `scanBudget`). */
export interface MutationOptions {
  /** Throw `FULL_SCAN_FORBIDDEN` instead of scanning a table to select rows. */
  readonly strict?: boolean;
  /** Documents one `update`/`delete`/`$count` may scan to select its rows (default `DEFAULT_SCAN_BUDGET`). */
  readonly scanBudget?: number;
  /** The most rows one statement may write, cascades included (default {@link DEFAULT_ROW_CAP}). */
  readonly rowCap?: number;
}

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
}

/** What every statement builder of one `db` shares. */
export interface MutationSession {
  readonly db: GenericDatabaseWriter<any>;
  readonly schema: SchemaContext;
  readonly options: Required<MutationOptions>;
  readonly triggers: TriggerScope | null;
  readonly lock: object;
  readonly scheduling: DeletionScheduling | null;
}

/** The session of one `db`: options resolved against their defaults. */
export function createSession(
  db: GenericDatabaseWriter<any>,
  schema: SchemaContext,
  options: MutationOptions,
  wiring: SessionWiring = {},
): MutationSession {
  return {
    db,
    schema,
    options: {
      strict: options.strict ?? false,
      scanBudget: options.scanBudget ?? DEFAULT_SCAN_BUDGET,
      rowCap: options.rowCap ?? DEFAULT_ROW_CAP,
    },
    triggers: wiring.triggers ?? null,
    lock: wiring.lock ?? db,
    scheduling: wiring.scheduling ?? null,
  };
}

/** A fresh context for one statement (its reads are memoized per statement only). */
export function statementContext(session: MutationSession): StatementContext {
  return {
    db: session.db,
    registry: session.schema.schema.registry,
    reader: new StatementReader(session.db),
    rowCap: session.options.rowCap,
    triggers: session.triggers,
    scheduling: session.scheduling,
    rules: ruleCheck(session.schema, session.db, session.options),
  };
}
