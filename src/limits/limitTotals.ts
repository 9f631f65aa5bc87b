import type { TransactionLimitName, TransactionLimitValues } from './convexLimits.js';

// Sums and comparisons of one number per transaction limit: pure, no state.

/** Statement totals checked by `TransactionUsage.reserveWrites`. */
export interface WriteTotals {
  readonly documentsWritten: number;
  readonly bytesWritten: number;
  /** Patches and deletes read the document they change. */
  readonly documentsRead: number;
  readonly bytesRead: number;
  /**
   * Index ranges the writes read: Convex reads the document a patch, replace or delete changes
   * through its `by_id` index (one range, unless a `db.get` of it or an earlier write to it read
   * that range already: `KnownDocuments.readById`), and aggregate buckets are read by range.
   */
  readonly indexRanges: number;
  /** Functions the statement schedules (hard deletes of `deletion('scheduled')` rows), and their arguments' bytes. */
  readonly functionsScheduled: number;
  readonly scheduledFunctionArgsBytes: number;
}

/** Nothing of any limit: the base of totals that take only a few (`{ ...NO_WRITES, documentsRead: 1 }`). */
export const NO_WRITES: WriteTotals = {
  documentsWritten: 0,
  bytesWritten: 0,
  documentsRead: 0,
  bytesRead: 0,
  indexRanges: 0,
  functionsScheduled: 0,
  scheduledFunctionArgsBytes: 0,
};

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export const zero = (): Mutable<TransactionLimitValues> => ({
  documentsRead: 0,
  bytesRead: 0,
  indexRanges: 0,
  documentsWritten: 0,
  bytesWritten: 0,
  functionsScheduled: 0,
  scheduledFunctionArgsBytes: 0,
});

/**
 * Adds `part` to `totals`, budget by budget, or takes it off (`sign` -1). Field by field, not a
 * loop over the names (see {@link firstPassed}): a statement's held writes take each row off as
 * it is sent.
 */
export function addTotals(totals: Mutable<WriteTotals>, part: WriteTotals, sign: 1 | -1 = 1): void {
  totals.documentsWritten += sign * part.documentsWritten;
  totals.bytesWritten += sign * part.bytesWritten;
  totals.documentsRead += sign * part.documentsRead;
  totals.bytesRead += sign * part.bytesRead;
  totals.indexRanges += sign * part.indexRanges;
  totals.functionsScheduled += sign * part.functionsScheduled;
  totals.scheduledFunctionArgsBytes += sign * part.scheduledFunctionArgsBytes;
}

/**
 * The first budget (writes first) that `adding` on top of `own` and `outside` would pass, or
 * `null`. Field by field, not a loop over the names: a statement reserves once (a hook's update,
 * once per row), and an access by a varying name is a keyed lookup (seven budgets, about 0.3 µs).
 */
export function firstPassed(
  own: TransactionLimitValues,
  outside: TransactionLimitValues,
  adding: WriteTotals,
  limits: TransactionLimitValues,
): TransactionLimitName | null {
  if (own.documentsWritten + outside.documentsWritten + adding.documentsWritten > limits.documentsWritten) {
    return 'documentsWritten';
  }
  if (own.bytesWritten + outside.bytesWritten + adding.bytesWritten > limits.bytesWritten) return 'bytesWritten';
  if (own.documentsRead + outside.documentsRead + adding.documentsRead > limits.documentsRead) return 'documentsRead';
  if (own.bytesRead + outside.bytesRead + adding.bytesRead > limits.bytesRead) return 'bytesRead';
  if (own.indexRanges + outside.indexRanges + adding.indexRanges > limits.indexRanges) return 'indexRanges';
  if (own.functionsScheduled + outside.functionsScheduled + adding.functionsScheduled > limits.functionsScheduled) {
    return 'functionsScheduled';
  }
  if (
    own.scheduledFunctionArgsBytes + outside.scheduledFunctionArgsBytes + adding.scheduledFunctionArgsBytes >
    limits.scheduledFunctionArgsBytes
  ) {
    return 'scheduledFunctionArgsBytes';
  }
  return null;
}

/**
 * The limits the meter enforces: the ORM's budget, capped at Convex's own
 * limit (which a nested call's `transactionLimits` may lower, to 0 even).
 * Nothing is kept back here: before a document is read,
 * `TransactionMeter.admit` checks that Convex's limit holds however large it
 * turns out to be (one document, Convex's largest in bytes), and the sizes a
 * statement reserves are known.
 */
export function effectiveLimits(
  budget: TransactionLimitValues,
  convex: TransactionLimitValues,
): TransactionLimitValues {
  return {
    documentsRead: Math.min(budget.documentsRead, convex.documentsRead),
    bytesRead: Math.min(budget.bytesRead, convex.bytesRead),
    indexRanges: Math.min(budget.indexRanges, convex.indexRanges),
    documentsWritten: Math.min(budget.documentsWritten, convex.documentsWritten),
    bytesWritten: Math.min(budget.bytesWritten, convex.bytesWritten),
    functionsScheduled: Math.min(budget.functionsScheduled, convex.functionsScheduled),
    scheduledFunctionArgsBytes: Math.min(budget.scheduledFunctionArgsBytes, convex.scheduledFunctionArgsBytes),
  };
}

/** No limit at all (a meter that only counts, as `countReads`'s). */
export function unlimited(): TransactionLimitValues {
  const inf = Number.POSITIVE_INFINITY;
  return {
    documentsRead: inf,
    bytesRead: inf,
    indexRanges: inf,
    documentsWritten: inf,
    bytesWritten: inf,
    functionsScheduled: inf,
    scheduledFunctionArgsBytes: inf,
  };
}
