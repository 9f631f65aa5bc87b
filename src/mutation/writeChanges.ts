import type { GenericDatabaseWriter } from 'convex/server';
import type { RowChange } from './changes.js';
import { type PlannedWrites, type ReservedWrites, recordWritten } from './writeLimits.js';

/**
 * Writes checked changes, one after another (writes of one statement never
 * race each other), `reserved` (their reservation, when held ahead) told of
 * each as it is sent, the meter of what each left once made (`planned`, see
 * {@link recordWritten}). Returns them as written: inserts with their new `_id`.
 * One change not held takes a single `.then` ({@link writeOne}); more take one await each.
 */
export function writeChanges(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
  planned: PlannedWrites | null,
  reserved: ReservedWrites | null,
): Promise<RowChange[]> {
  return changes.length === 1 && !reserved
    ? writeOne(db, changes[0]!, planned, writtenAsIs)
    : writeEach(db, changes, planned, reserved);
}

/**
 * Writes one checked change (the only one of `planned`), then continues with it as written (the
 * list of it) in the same step: a hook's one-row statement, run once per row, makes one promise
 * for its write and what follows it.
 */
export function writeOne<T>(
  db: GenericDatabaseWriter<any>,
  change: RowChange,
  planned: PlannedWrites | null,
  then: (written: RowChange[]) => T,
): Promise<T> {
  return write(db, change).then((result) => then([madeWrite(planned, 0, change, result)]));
}

/** The changes as written, as they are. */
export const writtenAsIs = (written: RowChange[]): RowChange[] => written;

/**
 * Writes the changes one after another. The reservation made in one step, before the first, and
 * the rows sent in later ones: until each row is sent, a sync asked meanwhile (a hook's raw write
 * past the budget's estimates) counts it on top of Convex's report, which does not hold it yet.
 * The rows after a failed write stay held until the statement releases its reservation.
 */
async function writeEach(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
  planned: PlannedWrites | null,
  reserved: ReservedWrites | null,
): Promise<RowChange[]> {
  const written: RowChange[] = [];
  for (const change of changes) {
    // Sent in this step: from now on in what Convex reports.
    reserved?.held.made(reserved.rows[written.length]!);
    written.push(madeWrite(planned, written.length, change, await write(db, change)));
  }
  return written;
}

/** The database call of one change: an insert resolves to the new `_id`. */
function write(db: GenericDatabaseWriter<any>, change: RowChange): Promise<unknown> {
  const table = change.table.name;
  if (change.operation === 'insert') return db.insert(table, change.new);
  return change.operation === 'update' ? db.patch(table, change.id, change.patch) : db.delete(table, change.id);
}

/** The `i`-th change as written (`result`: an insert's new `_id`), recorded in the meter ({@link recordWritten}). */
function madeWrite(planned: PlannedWrites | null, i: number, change: RowChange, result: unknown): RowChange {
  const written = change.operation === 'insert' ? { ...change, id: result as RowChange['id'] } : change;
  recordWritten(planned, i, written);
  return written;
}
