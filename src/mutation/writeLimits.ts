import { type BucketDeltas, type BucketReservation, checkBucketSize } from '../aggregate/bucketDeltas.js';
import { OrmError } from '../errors.js';
import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { convexSize, documentSize, patchedSize } from '../limits/documentSize.js';
import { HeldWrites } from '../limits/heldWrites.js';
import type { KnownDocuments } from '../limits/knownDocuments.js';
import { addTotals, type Mutable, NO_WRITES, type WriteTotals } from '../limits/limitTotals.js';
import { meterOf } from '../limits/meteredDb.js';
import { oversizedDocument } from '../limits/oversizedDocument.js';
import type { MeterSubject, TransactionMeter } from '../limits/transactionMeter.js';
import type { RowChange, StatementContext, UpdateChange } from './changes.js';
import { scheduledTotals } from './scheduleDeletes.js';

/** A statement's writes, checked to fit and not reserved yet ({@link reserveWrites}). */
export interface PlannedWrites {
  readonly meter: TransactionMeter;
  readonly subject: MeterSubject;
  readonly totals: WriteTotals;
  /**
   * What each change's own write costs (its document written, and read when it changes one), in
   * order, for a statement that sends writes after the step that reserves them (several rows,
   * written one after another, or a part after its rows: buckets, creation-time reads, scheduled
   * functions); empty for one row and nothing after it, sent in the step that reserves it.
   */
  readonly rows: readonly WriteTotals[];
  /** The creation-time read of each inserted change (by its place among the changes), where `returning()` reads it back. */
  readonly readBacks: readonly (WriteTotals | undefined)[];
  /**
   * The changes (by their place) whose written size is an upper bound, not exact: rows changed raw
   * after the statement read them (a before-hook's `ctx.raw`); `undefined` when none, as for most.
   */
  readonly atMost?: ReadonlySet<number> | undefined;
}

/**
 * A statement's writes as reserved, held ahead until each part is sent (`held`), with what each
 * change's steps send: its write (`rows`) and its creation-time read (`readBacks`).
 */
export interface ReservedWrites extends Pick<PlannedWrites, 'rows' | 'readBacks'> {
  readonly held: HeldWrites;
}

/**
 * The write limits of a planned statement, checked before its first write:
 * each document it stores fits Convex's 1 MiB (system fields included), and
 * its documents and bytes written (plus the documents its patches and deletes
 * read, with one index range each for the ones no `db.get` read, and the hard
 * deletes it schedules), with the most its aggregate
 * buckets cost (`buckets`, grouped before the write), fit what the
 * transaction has left. Throws `VALIDATION` naming
 * the table for an oversized document, `WRITE_BUDGET_EXCEEDED` (or
 * `SCAN_BUDGET_EXCEEDED`) for the totals. Reserves nothing: returns the
 * totals for {@link reserveWrites} (`null` without a meter), so a statement a
 * later check rejects has used none of the budget. The errors measure the
 * first `measured` changes' rows only (under rules, the statement's own): a
 * row after them may be one the caller cannot read (a row a foreign-key
 * action reached), so its document is refused without its size, and budgets
 * and buckets their figures would total it in without them.
 */
export function verifyWriteLimits(
  context: Pick<StatementContext, 'db' | 'scheduling' | 'creationTimes'>,
  changes: readonly RowChange[],
  buckets: BucketDeltas | null,
  measured = changes.length,
): PlannedWrites | null {
  if (changes.length === 0) return null;
  const totals: Mutable<WriteTotals> = {
    documentsWritten: 0,
    bytesWritten: 0,
    documentsRead: 0,
    bytesRead: 0,
    indexRanges: 0,
    ...scheduledTotals(context.scheduling, changes),
  };
  const meter = meterOf(context.db);
  const reserved = buckets?.reservation();
  // Kept only for a statement that sends writes after the step that reserves them: a hook's
  // one-row statement per row pays no object.
  const held =
    changes.length > 1 ||
    !!reserved?.documentsWritten ||
    totals.functionsScheduled > 0 ||
    context.creationTimes !== null;
  const rows: WriteTotals[] = held ? [] : NO_PARTS;
  const readBacks: (WriteTotals | undefined)[] = context.creationTimes ? [] : NO_PARTS;
  let atMost: Set<number> | undefined;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    let oldSize = change.old ? (meter?.documents.size(change.old) ?? documentSize(change.old)) : 0;
    // A patched document's size from the old one's: only the patched fields are measured.
    let size =
      change.operation === 'update'
        ? checkedSize(change, patchedSize(oldSize, change.old, change.patch), i < measured)
        : change.new
          ? checkedSize(change, documentSize(change.new), i < measured)
          : 0;
    // Changed raw since the statement read it (a before-hook's `ctx.raw` patch or replace): Convex reads and
    // patches the document as stored, of the size the meter knows, exactly or at most. The larger is read, and
    // the patched document is at most that with the patch's fields added (fields it replaces counted twice),
    // then an upper bound (recordWritten), not exact.
    const changed = change.old && meter ? meter.documents.changedSize(change.id, oldSize) : undefined;
    if (changed !== undefined && changed > oldSize) oldSize = changed;
    if (changed !== undefined && change.operation === 'update') {
      size = Math.min(Math.max(size, oldSize + convexSize(change.patch)), CONVEX_VALUE_LIMITS.documentBytes);
      atMost ??= new Set();
      atMost.add(i);
    }
    // Convex reads the document a patch or delete changes (`get_inner`): the document, and its
    // `by_id` range unless a `db.get` of it (or a write to it) read that range already.
    const documentsRead = change.old ? 1 : 0;
    const indexRanges = change.old && !meter?.documents.hasReadById(change.id) ? 1 : 0;
    totals.documentsWritten++;
    totals.bytesWritten += size;
    totals.documentsRead += documentsRead;
    totals.bytesRead += oldSize;
    totals.indexRanges += indexRanges;
    if (held) {
      rows.push({
        documentsWritten: 1,
        bytesWritten: size,
        documentsRead,
        bytesRead: oldSize,
        indexRanges,
        functionsScheduled: 0,
        scheduledFunctionArgsBytes: 0,
      });
    }
    if (!context.creationTimes) continue;
    const readsBack = change.operation === 'insert';
    if (readsBack) {
      // One `db.get` per inserted row after the write.
      totals.indexRanges++;
      totals.documentsRead++;
      totals.bytesRead += size;
    }
    readBacks.push(readsBack ? { ...NO_WRITES, documentsRead: 1, bytesRead: size, indexRanges: 1 } : undefined);
  }
  const hidesRows = measured < changes.length;
  if (reserved?.largest) checkBucketSize(reserved.largest, !hidesRows);
  if (!meter) return null;
  let subject: MeterSubject;
  if (reserved?.documentsWritten) {
    addTotals(totals, reserved);
    subject = bucketsSubject(changes, reserved, hidesRows);
  } else subject = { table: changes[0]!.table.name, hidesRows };
  meter.usage.checkWrites(subject, totals);
  return { meter, subject, totals, rows, readBacks, atMost };
}

/**
 * Reserves the writes {@link verifyWriteLimits} checked, right before the first write of
 * `changes`, once no check can reject them any more (a caller may catch a unique violation and
 * go on: its statement wrote nothing and must use nothing). Checks them again, as the checks
 * that read (foreign keys, uniques) may have used the room since. Returns them held ahead when
 * the statement sends writes after this step (see {@link PlannedWrites.rows}); the caller
 * releases what is left held once the statement is done or failed (`held.release()`).
 */
export function reserveWrites(planned: PlannedWrites | null, changes: readonly RowChange[]): ReservedWrites | null {
  if (!planned) return null;
  const { meter, rows, readBacks } = planned;
  meter.usage.reserveWrites(planned.subject, planned.totals);
  // Their `by_id` ranges are read now (a later write to one of them opens none), and their sizes as read no longer
  // hold: each one's new size is known once its write is made (recordWritten).
  const { changedRows } = meter;
  for (const change of changes) {
    // An insert's id is known once it is written (recordWritten).
    if (!change.old) continue;
    meter.documents.writing(change.id, change.operation === 'delete');
    changedRows.changed(change.id);
    changedRows.wrote(change.id, change.table.name);
  }
  return rows.length > 0 ? { held: new HeldWrites(meter.usage, planned.totals), rows, readBacks } : null;
}

/**
 * Records in the meter what the write of `change`, the `i`-th change of `planned`'s statement, left
 * once made (`change` as written: an insert with its new `_id`): the exact size of the document
 * an insert or update stored, which {@link verifyWriteLimits} reserved, so a raw write of it after
 * (a hook's patch of the row just inserted) is reserved at its cost, not at an estimate; at most
 * that size for a row changed raw after the statement read it ({@link PlannedWrites.atMost}). A
 * delete leaves no document (its size was forgotten when it was reserved).
 */
export function recordWritten(planned: PlannedWrites | null, i: number, change: RowChange): void {
  if (!planned || change.operation === 'delete') return;
  if (change.operation === 'insert') planned.meter.changedRows.insertedRow(change.id!, change.table.name);
  // A statement that holds nothing writes one row and nothing after it: its totals are that row's.
  const size = planned.rows.length > 0 ? planned.rows[i]!.bytesWritten : planned.totals.bytesWritten;
  if (planned.atMost?.has(i)) planned.meter.documents.writtenAtMost(change.id!, size);
  else planned.meter.documents.written(change.id!, size);
}

// The parts of a statement that holds nothing: never added to.
const NO_PARTS: never[] = [];

/**
 * What an error names of a statement that writes buckets (or marks aggregate states stale): its
 * rows and buckets, and whose when not its table's
 * (`"authors" (4 rows, cascades included, and 9 aggregate index buckets of "posts")`); not how
 * many when they count rows the caller may not read (`hidesRows`).
 */
function bucketsSubject(changes: readonly RowChange[], reserved: BucketReservation, hidesRows: boolean): MeterSubject {
  const table = changes[0]!.table.name;
  const whose =
    reserved.tables.length === 1 && reserved.tables[0] === table
      ? ''
      : ` of ${reserved.tables.map((name) => `"${name}"`).join(', ')}`;
  // Buckets counted only where every row is the caller's: how many tells of the rows.
  const aggregates = [
    ...(reserved.buckets > 0
      ? [hidesRows ? 'aggregate index buckets' : counted(reserved.buckets, 'aggregate index bucket')]
      : []),
    ...(reserved.staleStates > 0 ? [counted(reserved.staleStates, 'aggregate index state')] : []),
  ].join(' and ');
  if (hidesRows) return { table, writes: `rows, cascades included, and ${aggregates}${whose}`, hidesRows };
  const rows = changes.some((change) => change.table.name !== table)
    ? `${counted(changes.length, 'row')}, cascades included,`
    : counted(changes.length, 'row');
  return { table, writes: `${rows} and ${aggregates}${whose}`, buckets: reserved.buckets };
}

const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * True when `change` is a patch of a row a before-hook changed raw after the statement read it (a
 * `ctx.raw` patch or replace, which the patch is merged over) whose patched document may pass
 * Convex's 1 MiB on what the meter knows: at most the raw change's size with the patch's fields added.
 */
function mayGrowPastLimit(documents: KnownDocuments, change: RowChange): change is UpdateChange {
  if (change.operation !== 'update') return false;
  const oldSize = documents.size(change.old);
  const changed = documents.changedSize(change.id, oldSize);
  return (
    changed !== undefined && Math.max(changed, oldSize) + convexSize(change.patch) > CONVEX_VALUE_LIMITS.documentBytes
  );
}

/** What the meter of `db` knows of stored documents, where the transaction made raw writes (else nothing to check). */
function afterRawWrites(db: StatementContext['db']): KnownDocuments | undefined {
  const documents = meterOf(db)?.documents;
  return documents && documents.rawWrites > 0 ? documents : undefined;
}

/** True when one of `changes` {@link mayGrowPastLimit}; false at once in a transaction without raw writes. */
export function mayGrowRawChanged(db: StatementContext['db'], changes: readonly RowChange[]): boolean {
  const documents = afterRawWrites(db);
  if (!documents) return false;
  for (const change of changes) if (mayGrowPastLimit(documents, change)) return true;
  return false;
}

/**
 * Reads as stored each row of `changes` that {@link mayGrowPastLimit} and measures the patch over
 * it: one that does pass 1 MiB is `VALIDATION` before the first write, where Convex would refuse its
 * write with its own error once the rows before it were written. `undefined` (nothing to wait for)
 * in a transaction without raw writes.
 */
export function verifyRawChangedSizes(
  db: StatementContext['db'],
  changes: readonly RowChange[],
  measured: number,
): Promise<void> | undefined {
  const documents = afterRawWrites(db);
  return documents && measureRawChanged(db, documents, changes, measured);
}

/** {@link verifyRawChangedSizes} of a transaction with raw writes. */
async function measureRawChanged(
  db: StatementContext['db'],
  documents: KnownDocuments,
  changes: readonly RowChange[],
  measured: number,
): Promise<void> {
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!mayGrowPastLimit(documents, change)) continue;
    const stored = await db.get(change.id);
    if (stored) checkedSize(change, patchedSize(documentSize(stored), stored, change.patch), i < measured);
  }
}

/**
 * `size`, the size Convex gives the stored document (system fields estimated for an insert); throws
 * past 1 MiB, stating the size when `shown` ({@link oversizedDocument}).
 */
function checkedSize(change: RowChange, size: number, shown: boolean): number {
  if (size <= CONVEX_VALUE_LIMITS.documentBytes) return size;
  const { name } = change.table;
  const stored = oversizedDocument(size, shown);
  throw new OrmError(
    'VALIDATION',
    `A row of "${name}" would be stored ${stored.words}; store large values in their own table or in file storage.`,
    { table: name, details: stored.details },
  );
}
