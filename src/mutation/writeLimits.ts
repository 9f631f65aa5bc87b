import type { BucketDeltas } from '../aggregate/bucketDeltas.js';
import { OrmError } from '../errors.js';
import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { documentSize } from '../limits/documentSize.js';
import { meterOf } from '../limits/meteredDb.js';
import type { WriteTotals } from '../limits/transactionMeter.js';
import type { RowChange, StatementContext } from './changes.js';

/**
 * The write limits of a planned statement, checked before its first write:
 * each document it stores fits Convex's 1 MiB (system fields included), and
 * its documents and bytes written (plus the documents its patches and deletes
 * read), with the most its aggregate buckets cost (`buckets`, grouped before
 * the write), fit what the transaction has left. Throws `VALIDATION` naming
 * the table for an oversized document, `WRITE_BUDGET_EXCEEDED` (or
 * `SCAN_BUDGET_EXCEEDED`) for the totals.
 */
export function verifyWriteLimits(
  context: StatementContext,
  changes: readonly RowChange[],
  buckets: BucketDeltas | null,
): void {
  if (changes.length === 0) return;
  const totals: Mutable<WriteTotals> = {
    documentsWritten: 0,
    bytesWritten: 0,
    documentsRead: 0,
    bytesRead: 0,
    indexRanges: 0,
  };
  for (const change of changes) {
    totals.documentsWritten++;
    if (change.new) totals.bytesWritten += storedSize(change, change.new);
    if (change.old) {
      totals.documentsRead++;
      totals.bytesRead += documentSize(change.old);
    }
  }
  const meter = meterOf(context.db);
  if (!meter) return;
  const table = changes[0]!.table.name;
  const reserved = buckets?.reservation();
  if (!reserved?.buckets) {
    meter.reserveWrites({ table }, totals);
    return;
  }
  for (const name of Object.keys(totals) as (keyof WriteTotals)[]) totals[name] += reserved[name];
  const writes = `${counted(changes.length, 'row')} and ${counted(reserved.buckets, 'aggregate index bucket')}`;
  meter.reserveWrites({ table, writes }, totals);
}

const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The size Convex gives the stored document (system fields estimated for an insert); throws past 1 MiB. */
function storedSize(change: RowChange, row: Record<string, unknown>): number {
  const size = documentSize(row);
  const limit = CONVEX_VALUE_LIMITS.documentBytes;
  if (size <= limit) return size;
  const { name } = change.table;
  throw new OrmError(
    'VALIDATION',
    `A row of "${name}" would be stored as a document of ${size} bytes, over Convex's ${limit}; store large values in their own table or in file storage.`,
    { table: name, details: { documentBytes: size, limit } },
  );
}
