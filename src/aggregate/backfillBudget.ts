import { isOrmError } from '../errors.js';
import { documentSize } from '../limits/documentSize.js';
import { HeldWrites } from '../limits/heldWrites.js';
import { NO_WRITES, type WriteTotals } from '../limits/limitTotals.js';
import type { PageReadLimits, TransactionMeter } from '../limits/transactionMeter.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { BucketDeltas, checkBucketSize } from './bucketDeltas.js';
import { type AggregateState, definitionOf } from './state.js';

type Row = Record<string, unknown>;

/**
 * Documents one row may cost a backfill batch in reads: its own, and when it is the first of its
 * key and shard, its bucket's twice (the bucket read, then the patch, which Convex counts too).
 */
const READS_PER_ROW = 3;

/**
 * Index ranges one row may cost a backfill batch: its bucket's read by key, and the `by_id` range
 * Convex reads for the bucket's patch.
 */
const RANGES_PER_ROW = 2;

/**
 * The read limits of a backfill batch's page, from what the transaction has left: per row up to
 * {@link READS_PER_ROW} documents (and a share of the bytes) read, one bucket written and
 * {@link RANGES_PER_ROW} index ranges; the page's range, the state's write (its read and
 * `by_id` range) and the ties' range are kept back. So a page of many or large rows ends early,
 * and the next batch goes on from there, instead of passing Convex's limits.
 */
export function backfillPageLimits(meter: TransactionMeter | undefined, table: string): PageReadLimits {
  if (!meter?.enforcing) return {};
  const left = meter.pageLimits({ table }, {});
  const rows = Math.min(
    Math.floor((left.maximumRowsRead ?? 0) / READS_PER_ROW),
    meter.usage.left('documentsWritten') - 1,
    Math.floor((meter.usage.rangesLeft() - 3) / RANGES_PER_ROW),
  );
  return {
    maximumRowsRead: Math.max(1, rows),
    maximumBytesRead: Math.max(1, Math.floor((left.maximumBytesRead ?? 0) / READS_PER_ROW)),
  };
}

/**
 * The read limits of a clearing batch's page, from what the transaction has left: each bucket is
 * read, then deleted (a write, which Convex counts as a read too, of the document, its bytes and
 * its `by_id` range), so half the documents and bytes left; the buckets' range and the state's
 * patch (its read and range) are kept back. So a batch of large buckets (keyed on long text) reads
 * fewer, and the next batch goes on, instead of passing the bytes read.
 */
export function clearablePage(
  meter: TransactionMeter | undefined,
  subject: { readonly table: string; readonly index: string },
): PageReadLimits {
  if (!meter?.enforcing) return {};
  const left = meter.pageLimits({ table: subject.table, index: subject.index }, {});
  const buckets = Math.min(
    Math.floor((left.maximumRowsRead ?? 0) / 2),
    meter.usage.left('documentsWritten') - 1,
    meter.usage.rangesLeft() - 2,
  );
  return {
    maximumRowsRead: Math.max(1, buckets),
    maximumBytesRead: Math.max(1, Math.floor((left.maximumBytesRead ?? 0) / 2)),
  };
}

/**
 * Reserves the deletes of a clearing batch's `buckets` (and `stateWrite`, the state's write that
 * follows) before the first write; when they would pass the budget, the batch deletes fewer (half,
 * and so on) and the next batch the rest. Returns how many it deletes; throws the meter's typed
 * error when not one fits.
 */
export function fittingDeletes(
  meter: TransactionMeter | undefined,
  subject: { readonly table: string; readonly index: string },
  buckets: readonly Row[],
  stateWrite: WriteTotals,
): number {
  if (!meter) return buckets.length;
  const writes = { ...subject, writes: 'aggregate index bucket deletes' };
  let count = buckets.length;
  for (;;) {
    let bytes = 0;
    for (let i = 0; i < count; i++) bytes += meter.documents.size(buckets[i]!);
    // Each delete reads its bucket again, through the bucket's `by_id` range (one each).
    const deletes = {
      ...NO_WRITES,
      documentsWritten: count,
      bytesWritten: bytes,
      documentsRead: count,
      bytesRead: bytes,
      indexRanges: count,
    };
    try {
      meter.usage.reserveWrites(writes, sum(deletes, stateWrite));
      return count;
    } catch (error) {
      if (count <= 1 || !isBudgetError(error)) throw error;
      count = Math.floor(count / 2);
    }
  }
}

/** The rows of a batch it counts, and their bucket changes, reserved in the meter (and held ahead until written). */
export interface FittingBatch {
  readonly count: number;
  readonly deltas: BucketDeltas;
  readonly held: HeldWrites | null;
}

/**
 * Reserves the bucket writes of the batch's `rows` (and the state's write) before the first
 * write; when they would pass the budget, the batch counts fewer rows (half, cut where
 * `_creationTime` changes, as the cursor never splits rows sharing one) and the rest is left to
 * the next batch. Throws the meter's typed error when not even the first rows fit, and
 * `VALIDATION` for a bucket over Convex's document limit.
 */
export function fittingBatch(
  meter: TransactionMeter | undefined,
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  rows: readonly Row[],
  state: AggregateState | null,
): FittingBatch {
  const stateWrite = stateWriteTotals(table, aggregate, state, meter);
  const subject = { table: table.name, index: aggregate.name };
  let count = rows.length;
  for (;;) {
    const deltas = new BucketDeltas();
    for (let i = 0; i < count; i++) deltas.add(table, aggregate, rows[i]!, String(rows[i]!._id), 1);
    const reserved = deltas.reservation();
    if (reserved.largest) checkBucketSize(reserved.largest);
    try {
      if (!meter) return { count, deltas, held: null };
      meter.usage.reserveWrites(
        { ...subject, writes: `${count} rows' aggregate index buckets` },
        sum(reserved, stateWrite),
      );
      return { count, deltas, held: new HeldWrites(meter.usage, reserved) };
    } catch (error) {
      const fewer = count > 1 ? groupStart(rows, Math.floor(count / 2)) : 0;
      if (fewer === 0 || !isBudgetError(error)) throw error;
      count = fewer;
    }
  }
}

/** The largest `m <= n` where `_creationTime` changes between `rows[m - 1]` and `rows[m]` (0 if none). */
function groupStart(rows: readonly Row[], n: number): number {
  let m = n;
  while (m > 0 && rows[m - 1]!._creationTime === rows[m]!._creationTime) m--;
  return m;
}

/**
 * What writing the index's state costs: a patch reads it first (the document, and its `by_id`
 * range: the state was read by its index); its size at its largest (a cursor, `building`).
 */
export function stateWriteTotals(
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  state: AggregateState | null,
  meter: TransactionMeter | undefined,
): WriteTotals {
  const written = documentSize({
    table: table.name,
    index: aggregate.name,
    definition: definitionOf(aggregate),
    status: 'building',
    cursor: 0,
    updatedAt: 0,
  });
  const read = state ? (meter?.documents.size(state as never) ?? documentSize(state as never)) : 0;
  const patched = state ? 1 : 0;
  return {
    ...NO_WRITES,
    documentsWritten: 1,
    bytesWritten: written,
    documentsRead: patched,
    bytesRead: read,
    indexRanges: patched,
  };
}

/** What deleting a state document costs: Convex counts a delete as a read (and a `by_id` range) and a write of it. */
export function stateDeleteTotals(state: AggregateState, meter: TransactionMeter | undefined): WriteTotals {
  const size = meter?.documents.size(state as never) ?? documentSize(state as never);
  return { ...NO_WRITES, documentsWritten: 1, bytesWritten: size, documentsRead: 1, bytesRead: size, indexRanges: 1 };
}

const isBudgetError = (error: unknown) =>
  isOrmError(error, 'WRITE_BUDGET_EXCEEDED') || isOrmError(error, 'SCAN_BUDGET_EXCEEDED');

function sum(a: WriteTotals, b: WriteTotals): WriteTotals {
  return {
    documentsWritten: a.documentsWritten + b.documentsWritten,
    bytesWritten: a.bytesWritten + b.bytesWritten,
    documentsRead: a.documentsRead + b.documentsRead,
    bytesRead: a.bytesRead + b.bytesRead,
    indexRanges: a.indexRanges + b.indexRanges,
    functionsScheduled: a.functionsScheduled + b.functionsScheduled,
    scheduledFunctionArgsBytes: a.scheduledFunctionArgsBytes + b.scheduledFunctionArgsBytes,
  };
}
