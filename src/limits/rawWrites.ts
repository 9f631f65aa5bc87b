import { CONVEX_VALUE_LIMITS } from './convexLimits.js';
import { convexSize, documentSize } from './documentSize.js';
import type { WriteTotals } from './limitTotals.js';
import type { MeterSubject, TransactionMeter } from './transactionMeter.js';

// Raw writes (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`): the ORM does not plan them, so each is
// reserved on the meter as it is made, before Convex would count it (`meteredDb.ts`'s raw view).

type RawWriteKind = 'insert' | 'patch' | 'replace' | 'delete';

/** Convex's `get`, in either argument form: `(id)` or `(table, id)`. */
export type RawGet = (...args: [string] | [string, string]) => Promise<unknown>;

/**
 * `write` (Convex's `insert`, `patch`, `replace` or `delete`, in any of its argument forms),
 * reserved on `meter` before it is made: a raw write that would pass the transaction's budget
 * rejects with `WRITE_BUDGET_EXCEEDED` (or `SCAN_BUDGET_EXCEEDED` for the read a patch makes)
 * instead of Convex's own limit error, so a migration batch it fills is retried smaller. Its sizes
 * may be estimated ({@link rawWriteTotals}, {@link isEstimate}): it then tells the meter so, and a
 * raw write (or a read, a page, a document's patch) that would pass the budget on the estimates
 * syncs first, to count what Convex counted ({@link TransactionMeter.reserveRawWrite}). A write of
 * a document the meter knows no size of that would still pass it reads the document first through
 * `get` (the metered one), and is reserved at its size.
 */
export function reservedRawWrite<W>(meter: TransactionMeter, kind: RawWriteKind, write: W, get: RawGet): W {
  const made = write as (...args: unknown[]) => Promise<unknown>;
  const writer: RawWriter = { meter, kind, made, get };
  return ((...args: unknown[]) => {
    const target = rawWriteTarget(kind, args);
    try {
      const result = reserveWrite(writer, target, args);
      // Recorded as called, its id known once it resolves: the reservation may wait for a sync, and a
      // hook need not await it. The table named is its table.
      if (kind === 'insert') meter.changedRows.inserted(result, target.subject.table);
      return result;
    } catch (error) {
      // Rejected, not thrown, as Convex's writes report every error (so `.catch` and
      // `Promise.allSettled` see it).
      return Promise.reject(error);
    }
  }) as W;
}

/** One of a raw writer's writes: its meter, its kind, Convex's write and the metered `get` that sizes a document. */
interface RawWriter {
  readonly meter: TransactionMeter;
  readonly kind: RawWriteKind;
  readonly made: (...args: unknown[]) => Promise<unknown>;
  readonly get: RawGet;
}

/**
 * Reserves and makes one raw write ({@link TransactionMeter.reserveRawWrite}). One of a document
 * the meter knows no exact size of may read it first: `found` is then the size that read found (0
 * for none: Convex refuses the write, reading nothing), `undefined` before.
 */
function reserveWrite(writer: RawWriter, target: RawWriteTarget, args: unknown[], found?: number): Promise<unknown> {
  const { meter, kind, made, get } = writer;
  const { id } = target;
  // What the read found, or more when a raw write of the document was made since the read began
  // (the size it left, as the meter knows it); not the meter's memory alone, which may be full.
  const stored =
    found === undefined || id === undefined ? undefined : Math.max(found, meter.documents.storedSize(id) ?? 0);
  const totals = rawWriteTotals(meter, kind, target, stored);
  // Worth a read only when its size is what may pass the budget: not when the write would without it.
  const unsized =
    found === undefined &&
    id !== undefined &&
    !meter.documents.hasExactSize(id) &&
    !meter.usage.wouldPass(rawWriteTotals(meter, kind, target, 0));
  return meter.reserveRawWrite(
    target.subject,
    totals,
    isEstimate(meter, kind, target),
    () => madeWrite(meter, kind, target, totals, made, args),
    unsized
      ? () =>
          (target.named ? get(target.subject.table, id) : get(id)).then((doc) =>
            reserveWrite(writer, target, args, doc === null ? 0 : meter.documents.size(doc as Record<string, unknown>)),
          )
      : undefined,
  );
}

/**
 * Makes a reserved raw write, recording what it leaves of the document it changes: a replace's
 * size exactly, a patch's at most, a delete's none.
 */
function madeWrite(
  meter: TransactionMeter,
  kind: RawWriteKind,
  target: RawWriteTarget,
  totals: WriteTotals,
  write: (...args: unknown[]) => Promise<unknown>,
  args: unknown[],
): Promise<unknown> {
  const { id } = target;
  const { changedRows } = meter;
  if (id === undefined) return write(...args);
  if (kind === 'patch') meter.documents.patchedRaw(id, totals.bytesWritten);
  else meter.documents.changedRaw(id, kind === 'delete' ? undefined : totals.bytesWritten);
  if (kind === 'delete') changedRows.changed(id);
  // A write by id alone names no table (`rawTarget`'s subject is then a description).
  changedRows.wrote(id, target.named ? target.subject.table : null);
  return write(...args);
}

/** What a raw write names: its table (or the id's), the id it changes and the value it stores. */
interface RawWriteTarget {
  readonly subject: MeterSubject;
  readonly id: string | undefined;
  readonly value: Record<string, unknown> | undefined;
  /** The write names its table (an insert, or a patch, replace or delete given the table). */
  readonly named: boolean;
}

/**
 * The target of a raw write's arguments: `insert(table, value)`; `patch` / `replace` as
 * `(id, value)` or `(table, id, value)`; `delete` as `(id)` or `(table, id)`.
 */
function rawWriteTarget(kind: RawWriteKind, args: unknown[]): RawWriteTarget {
  if (kind === 'insert') return rawTarget(args[0] as string, undefined, args[1], true);
  const named = args.length > (kind === 'delete' ? 1 : 2);
  const id = (named ? args[1] : args[0]) as string;
  return rawTarget(named ? (args[0] as string) : `the table of id ${id}`, id, named ? args[2] : args[1], named);
}

function rawTarget(table: string, id: string | undefined, value: unknown, named: boolean): RawWriteTarget {
  return {
    subject: { table, writes: 'a raw write' },
    id,
    value: value as Record<string, unknown> | undefined,
    named,
  };
}

/**
 * What a raw write costs, as Convex counts it: one document written, and for a patch, replace or
 * delete the read of the whole stored document it changes (its `by_id` range unless read
 * already). The stored document's size is the one the meter knows, exactly or at most ({@link
 * KnownDocuments.storedSize}), else Convex's largest (1 MiB), unless `known` (a read of it found
 * that size; 0 for none: Convex refuses the write). An insert or replace writes its
 * value's document; a patch the stored document with the patch's fields added (at most Convex's
 * largest: fields it replaces are counted twice); a delete, no bytes.
 */
function rawWriteTotals(
  meter: TransactionMeter,
  kind: RawWriteKind,
  { id, value }: RawWriteTarget,
  known?: number,
): WriteTotals {
  const changes = id !== undefined;
  const stored = changes ? (known ?? meter.documents.storedSize(id) ?? CONVEX_VALUE_LIMITS.documentBytes) : 0;
  return {
    documentsWritten: 1,
    bytesWritten: value === undefined ? 0 : kind === 'patch' ? patchedAtMost(stored, value) : documentSize(value),
    documentsRead: changes ? 1 : 0,
    bytesRead: stored,
    indexRanges: changes && !meter.documents.hasReadById(id) ? 1 : 0,
    functionsScheduled: 0,
    scheduledFunctionArgsBytes: 0,
  };
}

/**
 * True when {@link rawWriteTotals} are estimates, which a sync corrects: a patch's (an upper bound
 * of the patched document), or a replace's or delete's of a document whose stored size the meter
 * does not know exactly (Convex's largest, or the upper bound a raw patch of it left). An insert's
 * are exact, as are those of a replace or delete of a document the meter read, or a raw replace
 * left ({@link KnownDocuments.hasExactSize}).
 */
function isEstimate(meter: TransactionMeter, kind: RawWriteKind, { id }: RawWriteTarget): boolean {
  return kind === 'patch' || (id !== undefined && !meter.documents.hasExactSize(id));
}

/** The most a document of `stored` bytes can take with `patch` applied (Convex stores none larger than 1 MiB). */
const patchedAtMost = (stored: number, patch: Record<string, unknown>) =>
  Math.min(stored + convexSize(patch), CONVEX_VALUE_LIMITS.documentBytes);
