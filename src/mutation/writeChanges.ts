import type { GenericDatabaseWriter } from 'convex/server';
import type { RowChange } from './changes.js';

/**
 * Writes checked changes, one after another (writes of one statement never
 * race each other). Returns them as written: inserts with their new `_id`.
 * A chain of `.then`s, not an async function: hooks write one-row
 * statements once per row, and each await would cost promises.
 */
export function writeChanges(db: GenericDatabaseWriter<any>, changes: readonly RowChange[]): Promise<RowChange[]> {
  const written: RowChange[] = [];
  const step = (i: number): Promise<RowChange[]> | RowChange[] => {
    const change = changes[i];
    if (!change) return written;
    const table = change.table.name;
    if (change.operation === 'insert') {
      return db.insert(table, change.new).then((id) => {
        written.push({ ...change, id });
        return step(i + 1);
      });
    }
    const write =
      change.operation === 'update' ? db.patch(table, change.id, change.patch) : db.delete(table, change.id);
    return write.then(() => {
      written.push(change);
      return step(i + 1);
    });
  };
  try {
    return Promise.resolve(step(0));
  } catch (error) {
    return Promise.reject(error);
  }
}
