import type { GenericDatabaseWriter } from 'convex/server';
import type { RowChange } from './changes.js';

/**
 * Writes checked changes, one after another (writes of one statement never
 * race each other). Returns them as written: inserts with their new `_id`.
 * One change takes a single `.then` ({@link writeOne}); more take one await each.
 */
export function writeChanges(db: GenericDatabaseWriter<any>, changes: readonly RowChange[]): Promise<RowChange[]> {
  return changes.length === 1 ? writeOne(db, changes[0]!, writtenAsIs) : writeEach(db, changes);
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

async function writeEach(db: GenericDatabaseWriter<any>, changes: readonly RowChange[]): Promise<RowChange[]> {
  const written: RowChange[] = [];
  for (const change of changes) written.push(asWritten(change, await write(db, change)));
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
