import type { GenericDatabaseWriter } from 'convex/server';
import type { RowChange } from './changes.js';
import type { PlannedWrites } from './writeLimits.js';

/**
 * Writes checked changes, one after another (writes of one statement never
 * race each other), `planned` (their reservation, if metered) told of each as
 * it is sent. Returns them as written: inserts with their new `_id`.
 * One change takes a single `.then` ({@link writeOne}); more take one await each.
 */
export function writeChanges(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
  planned: PlannedWrites | null,
): Promise<RowChange[]> {
  return changes.length === 1 ? writeOne(db, changes[0]!, writtenAsIs) : writeEach(db, changes, planned);
}

/**
 * Writes one checked change, then continues with it as written (the list of
 * it) in the same step: a hook's one-row statement, run once per row, makes
 * one promise for its write and what follows it.
 */
export function writeOne<T>(
  db: GenericDatabaseWriter<any>,
  change: RowChange,
  then: (written: RowChange[]) => T,
): Promise<T> {
  return write(db, change).then((result) => then([asWritten(change, result)]));
}

/** The changes as written, as they are. */
export const writtenAsIs = (written: RowChange[]): RowChange[] => written;

/**
 * Writes the changes one after another. The reservation made in one step, before the first, and
 * the rows sent in later ones: until each row is sent, a sync asked meanwhile (a hook's raw write
 * past the budget's estimates) counts it on top of Convex's report, which does not hold it yet.
 */
async function writeEach(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
  planned: PlannedWrites | null,
): Promise<RowChange[]> {
  for (const row of planned?.rows ?? []) planned!.meter.usage.holdAhead(row);
  const written: RowChange[] = [];
  try {
    for (const change of changes) {
      // Sent in this step: from now on in what Convex reports.
      planned?.meter.usage.madeAhead(planned.rows[written.length]!);
      written.push(asWritten(change, await write(db, change)));
    }
  } catch (error) {
    // The rows after a failed write are never sent: none stays counted on top of Convex's report.
    for (const row of planned?.rows.slice(written.length + 1) ?? []) planned!.meter.usage.madeAhead(row);
    throw error;
  }
  return written;
}

/** The database call of one change: an insert resolves to the new `_id`. */
function write(db: GenericDatabaseWriter<any>, change: RowChange): Promise<unknown> {
  const table = change.table.name;
  if (change.operation === 'insert') return db.insert(table, change.new);
  return change.operation === 'update' ? db.patch(table, change.id, change.patch) : db.delete(table, change.id);
}

function asWritten(change: RowChange, result: unknown): RowChange {
  return change.operation === 'insert' ? { ...change, id: result as RowChange['id'] } : change;
}
