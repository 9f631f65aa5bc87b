import { ConvexError, type Value } from 'convex/values';

/** Stable codes of every error the ORM throws (DESIGN.md section 9). */
export type OrmErrorCode =
  | 'VALIDATION'
  | 'UNIQUE_VIOLATION'
  | 'FOREIGN_KEY_VIOLATION'
  | 'CHECK_VIOLATION'
  | 'NOT_FOUND'
  | 'UNKNOWN_COLUMN'
  | 'UNKNOWN_RELATION'
  | 'INVALID_FILTER'
  | 'INVALID_QUERY'
  | 'INVALID_OPTION'
  | 'INVALID_SCHEMA'
  | 'SCAN_BUDGET_EXCEEDED'
  | 'FULL_SCAN_FORBIDDEN'
  | 'ROW_CAP_EXCEEDED'
  | 'RESULT_TOO_LARGE'
  | 'WRITE_BUDGET_EXCEEDED'
  | 'RELATION_CONFIG'
  | 'TRANSACTION_ROLLBACK'
  | 'TRIGGER_DEPTH_EXCEEDED'
  | 'MIGRATION_DRIFT'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_CONFIG'
  | 'RULE_VIOLATION';

/** The structured payload an {@link OrmError} carries to Convex clients. */
export interface OrmErrorData {
  [key: string]: Value | undefined;
  code: OrmErrorCode;
  message: string;
  table?: string;
  details?: Record<string, Value>;
}

/**
 * Base class of every error thrown by convex-orm.
 *
 * It extends Convex's `ConvexError`, so when a query or mutation lets it
 * escape, the client receives `error.data.code` (and table and details)
 * instead of an opaque "Server Error".
 */
export class OrmError extends ConvexError<OrmErrorData> {
  override name = 'OrmError';
  readonly code: OrmErrorCode;
  readonly table: string | undefined;
  readonly details: Record<string, Value> | undefined;

  constructor(code: OrmErrorCode, message: string, options: { table?: string; details?: Record<string, Value> } = {}) {
    const data: OrmErrorData = { code, message };
    if (options.table !== undefined) data.table = options.table;
    if (options.details !== undefined) data.details = options.details;
    super(data);
    // ConvexError's message is the JSON of its data; ours is the sentence.
    this.message = message;
    this.code = code;
    this.table = options.table;
    this.details = options.details;
  }
}

/**
 * Thrown by `tx.rollback()`. It aborts the surrounding Convex mutation, so
 * every write of the mutation is discarded.
 */
export class TransactionRollbackError extends OrmError {
  override name = 'TransactionRollbackError';
  constructor() {
    super('TRANSACTION_ROLLBACK', 'Rollback');
  }
}

/** True when `error` is an {@link OrmError}, optionally with the given code. */
export function isOrmError(error: unknown, code?: OrmErrorCode): error is OrmError {
  return error instanceof OrmError && (code === undefined || error.code === code);
}
