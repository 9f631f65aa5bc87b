import { convexSize, documentSize } from './documentSize.js';
import type { WriteTotals } from './limitTotals.js';
import type { MeterSubject, TransactionMeter } from './transactionMeter.js';

// Raw writes (a hook's `ctx.raw`, `migrateOne`'s `ctx.db`): the ORM does not plan them, so each is
// reserved on the meter as it is made, before Convex would count it (`meteredDb.ts`'s raw view).

type RawWriteKind = 'insert' | 'patch' | 'replace' | 'delete';

/**
 * `write` (Convex's `insert`, `patch`, `replace` or `delete`, in any of its argument forms),
 * reserved on `meter` before it is made: a raw write that would pass the transaction's budget
 * rejects with `WRITE_BUDGET_EXCEEDED` (or `SCAN_BUDGET_EXCEEDED` for the read a patch makes)
 * instead of Convex's own limit error, so a migration batch it fills is retried smaller. Its bytes
 * are estimated (a patch's from its fields, a delete's as none), so it also tells the meter it
 * wrote raw: the next operation syncs and counts what Convex counted.
 */
export function reservedRawWrite<W>(meter: TransactionMeter, kind: RawWriteKind, write: W): W {
  return ((...args: unknown[]) =>
    refusedRawWrite(meter, kind, rawWriteTarget(kind, args)) ??
    (write as (...args: unknown[]) => unknown)(...args)) as W;
}

/**
 * Reserves a raw write to `target` on `meter`: nothing when it fits, else a promise rejected with
 * the meter's error, as Convex's writes report every error (so `.catch` and `Promise.allSettled`
 * see it); no promise is made for a write that fits.
 */
function refusedRawWrite(
  meter: TransactionMeter,
  kind: RawWriteKind,
  target: RawWriteTarget,
): Promise<never> | undefined {
  try {
    meter.reserveWrites(target.subject, rawWriteTotals(meter, kind, target));
  } catch (error) {
    return Promise.reject(error);
  }
  meter.rawWrite();
  if (target.id !== undefined) meter.readById(target.id);
  return undefined;
}

/** What a raw write names: its table (or the id's), the id it changes and the value it stores. */
interface RawWriteTarget {
  readonly subject: MeterSubject;
  readonly id: string | undefined;
  readonly value: Record<string, unknown> | undefined;
}

/**
 * The target of a raw write's arguments: `insert(table, value)`; `patch` / `replace` as
 * `(id, value)` or `(table, id, value)`; `delete` as `(id)` or `(table, id)`.
 */
function rawWriteTarget(kind: RawWriteKind, args: unknown[]): RawWriteTarget {
  if (kind === 'insert') return rawTarget(args[0] as string, undefined, args[1]);
  const named = args.length > (kind === 'delete' ? 1 : 2);
  const id = (named ? args[1] : args[0]) as string;
  return rawTarget(named ? (args[0] as string) : `the table of id ${id}`, id, named ? args[2] : args[1]);
}

function rawTarget(table: string, id: string | undefined, value: unknown): RawWriteTarget {
  return { subject: { table, writes: 'a raw write' }, id, value: value as Record<string, unknown> | undefined };
}

/**
 * What a raw write costs: one document written, of the value's size (an insert's or replace's
 * document, a patch's fields: at least what it adds), and for a patch, replace or delete the read
 * of the document it changes (its `by_id` range unless read already; its bytes are unknown here).
 */
function rawWriteTotals(meter: TransactionMeter, kind: RawWriteKind, { id, value }: RawWriteTarget): WriteTotals {
  const changes = id !== undefined;
  return {
    documentsWritten: 1,
    bytesWritten: value === undefined ? 0 : kind === 'patch' ? convexSize(value) : documentSize(value),
    documentsRead: changes ? 1 : 0,
    bytesRead: 0,
    indexRanges: changes && !meter.hasReadById(id) ? 1 : 0,
    functionsScheduled: 0,
    scheduledFunctionArgsBytes: 0,
  };
}
