const MiB = 1 << 20;

/**
 * Convex's limits on one transaction (a query or mutation, nested calls
 * included), from https://docs.convex.dev/production/state/limits. A
 * deployment may report lower ones through `ctx.meta.getTransactionMetrics()`.
 */
export const CONVEX_TRANSACTION_LIMITS: TransactionLimitValues = {
  documentsRead: 32_000,
  bytesRead: 16 * MiB,
  indexRanges: 4_096,
  documentsWritten: 16_000,
  bytesWritten: 16 * MiB,
  functionsScheduled: 1_000,
  scheduledFunctionArgsBytes: 16 * MiB,
};

/**
 * Convex's limits on one function call (https://docs.convex.dev/production/state/limits): what
 * it may return. A query's result the ORM shapes is checked against it (`RESULT_TOO_LARGE`).
 */
export const CONVEX_FUNCTION_LIMITS = {
  /** Bytes of a function's return value, as Convex sizes values (`getConvexSize`). */
  returnValueBytes: 16 * MiB,
} as const;

/** One number per transaction limit the ORM accounts for. */
export interface TransactionLimitValues {
  /** Documents read (scanned), whether or not a filter kept them. */
  readonly documentsRead: number;
  /** Bytes of the documents read. */
  readonly bytesRead: number;
  /** Index ranges read: every `db.get` and every executed `db.query`. */
  readonly indexRanges: number;
  /** Documents inserted, patched or deleted. */
  readonly documentsWritten: number;
  /** Bytes of the documents written. */
  readonly bytesWritten: number;
  /** Functions scheduled (`ctx.scheduler`): a scheduled-delete statement schedules its hard delete. */
  readonly functionsScheduled: number;
  /** Bytes of the arguments of the functions scheduled. */
  readonly scheduledFunctionArgsBytes: number;
}

/** Which transaction limit a budget guards. */
export type TransactionLimitName = keyof TransactionLimitValues;

/**
 * What the ORM lets one transaction reach unless `createOrm({
 * transactionBudget })` says otherwise: a little under Convex's limits, so
 * the caller's own reads and writes after the ORM's still fit.
 */
export const DEFAULT_TRANSACTION_BUDGET: TransactionLimitValues = {
  documentsRead: 30_000,
  bytesRead: 15 * MiB,
  indexRanges: 4_000,
  documentsWritten: 15_000,
  bytesWritten: 15 * MiB,
  functionsScheduled: 950,
  scheduledFunctionArgsBytes: 15 * MiB,
};

/** Convex's limits on one search query (https://docs.convex.dev/search/text-search#limits, vector-search#limits). */
export const CONVEX_SEARCH_LIMITS = {
  /** Equality filters of one text search (`withSearchIndex`'s `.eq`s). */
  textFilters: 8,
  /** Results one text search hands over: asking for the next one fails the query. */
  textResults: 1_024,
  /** Equalities of one vector search's filter (an `or` of `eq`s). */
  vectorFilters: 64,
  /** Results of one vector search (`limit`). */
  vectorResults: 256,
} as const;

/** Convex's limits on one stored value (a document and everything in it). */
export const CONVEX_VALUE_LIMITS = {
  /** Bytes of one document, system fields included (`getDocumentSize`). */
  documentBytes: MiB,
  /** Elements of one array. */
  arrayLength: 8_192,
  /** Fields of one object. */
  objectFields: 1_024,
  /** Levels of objects and arrays, the document itself being the first. */
  depth: 16,
  /** Characters of a nested field name (top-level names are schema columns). */
  fieldNameLength: 1_024,
} as const;
