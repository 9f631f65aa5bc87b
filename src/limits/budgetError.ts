import { OrmError } from '../errors.js';
import type { TransactionLimitName } from './convexLimits.js';

/** What the caller names when a read or write would pass a budget. */
export interface MeterSubject {
  readonly table: string;
  /** The index read, when there is one. */
  readonly index?: string | undefined;
  /** What a statement writes, when more than the table's rows (`10 rows and 4 aggregate index buckets`). */
  readonly writes?: string;
  /** The aggregate index buckets a statement writes (its error's `details.buckets`). */
  readonly buckets?: number;
  /**
   * The figures total in rows the caller may not read (under rules, rows a statement's foreign-key
   * actions reached, or any row the transaction read: {@link withoutUsage}): the error states the
   * budget and its limit, not what was used or would be added.
   */
  readonly hidesRows?: boolean;
}

/** Where the transaction stood when a budget was passed. */
export interface BudgetState {
  readonly limit: number;
  readonly used: number;
  /** What the read or statement would add. */
  readonly adding: number;
  /** A statement's reservation (its writes and the reads they make): cut by splitting the statement. */
  readonly statement: boolean;
  /** Convex's own limit in force, as the transaction's metrics report it (a nested call's may be lower). */
  readonly convex: number;
}

/**
 * The typed error of budget `name`: `WRITE_BUDGET_EXCEEDED` for writes and
 * scheduling, `SCAN_BUDGET_EXCEEDED` for reads, naming what was read or
 * written, the numbers (not what was used and added when they measure rows the
 * caller may not read, {@link MeterSubject.hidesRows}), Convex's own limit and what to do.
 */
export function budgetExceeded(name: TransactionLimitName, subject: MeterSubject, state: BudgetState): OrmError {
  const { limit, used, adding, statement, convex } = state;
  const write = name !== 'documentsRead' && name !== 'bytesRead' && name !== 'indexRanges';
  const where = subject.index ? `index "${subject.index}" of "${subject.table}"` : `"${subject.table}"`;
  const what = `${write || statement ? `Writing to ${where}` : `Reading ${where}`}${subject.writes ? ` (${subject.writes})` : ''}`;
  const scheduling = name === 'functionsScheduled' || name === 'scheduledFunctionArgsBytes';
  const advice = statement && !scheduling ? ADVICE.documentsWritten : ADVICE[name];
  const figures = subject.hidesRows ? 'usage not shown under rules' : `${used} used, ${adding} more`;
  const error = new OrmError(
    write ? 'WRITE_BUDGET_EXCEEDED' : 'SCAN_BUDGET_EXCEEDED',
    `${what} would take the transaction past ${limit} ${LIMIT_UNITS[name]} (${figures}; Convex stops at ${convex}); ${advice}${limit < convex ? `, or raise createOrm({ transactionBudget: { ${name} } })` : ''}.`,
    {
      table: subject.table,
      details: {
        budget: name,
        limit,
        ...(subject.hidesRows ? {} : { used }),
        ...(subject.index ? { index: subject.index } : {}),
        ...(subject.buckets ? { buckets: subject.buckets } : {}),
      },
    },
  );
  if (!subject.hidesRows) measured.set(error, { name, subject, state });
  return error;
}

/** What made each budget error that states its figures, so that {@link withoutUsage} can make it again without them. */
const measured = new WeakMap<Error, { name: TransactionLimitName; subject: MeterSubject; state: BudgetState }>();

/**
 * `error` as a caller under rules may see it: a budget error stating the transaction's usage is made
 * again without it (as {@link MeterSubject.hidesRows}), any other error is itself. The meter is the
 * transaction's, shared by every `orm.db(ctx)` of it, with rules or without, and its usage totals
 * every row read and written, those the rules hide included (a hidden row's size, the rows a
 * cascade reached, hidden rows a filtered read rejected): so an operation of a `db` with rules
 * passes each error through this as it leaves.
 */
export function withoutUsage(error: unknown): unknown {
  const made = error instanceof Error ? measured.get(error) : undefined;
  return made ? budgetExceeded(made.name, { ...made.subject, hidesRows: true }, made.state) : error;
}

const LIMIT_UNITS: Record<TransactionLimitName, string> = {
  documentsRead: 'documents read',
  bytesRead: 'bytes read',
  indexRanges: 'index ranges read',
  documentsWritten: 'documents written',
  bytesWritten: 'bytes written',
  functionsScheduled: 'functions scheduled',
  scheduledFunctionArgsBytes: 'bytes of scheduled function arguments',
};

const ADVICE: Record<TransactionLimitName, string> = {
  documentsRead: 'narrow the filter with an index, read fewer rows (limit, paginate)',
  bytesRead: 'read fewer or smaller documents (limit, paginate, split large fields into their own table)',
  indexRanges:
    'read fewer parent rows per call (limit, paginate), fewer values in an `in` / `notIn` list, or fewer rows per statement',
  documentsWritten: 'split the statement into several mutations',
  bytesWritten: 'split the statement into several mutations',
  // Only scheduled deletes schedule: one hard delete per statement, table and deletion time.
  functionsScheduled:
    'soft-delete the rows of a scheduled-deletion table in fewer statements, or split the work into several mutations',
  scheduledFunctionArgsBytes: 'soft-delete fewer rows per mutation',
};
