import type { GenericDatabaseWriter } from 'convex/server';
import type { RowChange } from './changes.js';

/**
 * Writes checked changes, one after another (writes of one statement never
 * race each other). Resolves to them as written (inserts with their new
 * `_id`), or to what `then` makes of them. One change (a hook's one-row
 * statement, run once per row) takes a single `.then`, `then` included;
 * more take one await each.
 */
export function writeChanges(db: GenericDatabaseWriter<any>, changes: readonly RowChange[]): Promise<RowChange[]>;
export function writeChanges<T>(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
  then: (written: RowChange[]) => T,
): Promise<T>;
export function writeChanges(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
  then?: (written: RowChange[]) => unknown,
): Promise<unknown> {
  if (changes.length === 1) {
    const change = changes[0]!;
    return write(db, change).then((result) => {
      const written = [asWritten(change, result)];
      return then ? then(written) : written;
    });
  }
  const written = writeEach(db, changes);
  return then ? written.then(then) : written;
}

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
