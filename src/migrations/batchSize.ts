import { OrmError } from '../errors.js';
import { CONVEX_TRANSACTION_LIMITS } from '../limits/convexLimits.js';

/**
 * The largest batch a migration takes: Convex's limit on documents written per transaction
 * (`documentsWritten`, 16,000). A batch reads each document twice (its page, then its patch),
 * so this is also half of Convex's 32,000 documents read.
 */
export const MAX_BATCH_SIZE = CONVEX_TRANSACTION_LIMITS.documentsWritten;

/**
 * Throws `MIGRATION_CONFIG` naming `what` (`--batch-size`, a step's `up.batchSize`) unless
 * `value` is an integer from 1 to {@link MAX_BATCH_SIZE}; `undefined` passes (not set).
 */
export function checkBatchSize(value: number | undefined, what: string, table?: string): void {
  if (value === undefined || (Number.isInteger(value) && value >= 1 && value <= MAX_BATCH_SIZE)) return;
  const over = Number.isInteger(value) && value > MAX_BATCH_SIZE;
  throw new OrmError(
    'MIGRATION_CONFIG',
    over
      ? `${what} is ${value}, over ${MAX_BATCH_SIZE}: Convex writes at most ${MAX_BATCH_SIZE} documents in one transaction (its documentsWritten limit); use a smaller batch size.`
      : `${what} must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${value}.`,
    { ...(table === undefined ? {} : { table }), details: { batchSize: value, limit: MAX_BATCH_SIZE } },
  );
}
