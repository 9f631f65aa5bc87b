import type { GenericDatabaseWriter } from 'convex/server';
import type { RowChange } from './changes.js';

/**
 * Writes checked changes, one after another (writes of one statement never
 * race each other). Returns them as written: inserts with their new `_id`.
 */
export async function writeChanges(
  db: GenericDatabaseWriter<any>,
  changes: readonly RowChange[],
): Promise<RowChange[]> {
  const written: RowChange[] = [];
  for (const change of changes) {
    const table = change.table.name;
    if (change.operation === 'insert') {
      written.push({ ...change, id: await db.insert(table, change.new) });
      continue;
    }
    if (change.operation === 'update') await db.patch(table, change.id, change.patch);
    else await db.delete(table, change.id);
    written.push(change);
  }
  return written;
}
