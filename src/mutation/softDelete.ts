import type { TableConfig } from '../schema/table.js';
import type { RowChange, UpdateChange } from './changes.js';

/**
 * True when `change` soft-deletes its row: it sets the table's deletion
 * column on a row where it was null. A `delete` of a soft-deleting table
 * plans exactly that; an update setting the column by hand is the same.
 */
export function isSoftDelete(change: RowChange): change is UpdateChange {
  const column = change.table.deletion?.column;
  return (
    column !== undefined &&
    change.operation === 'update' &&
    (change.old[column] ?? null) === null &&
    (change.new[column] ?? null) !== null
  );
}

/** The patch that soft-deletes a row of `table` at `at` (ms since the epoch). */
export function softDeletePatch(table: TableConfig, at: number): Record<string, unknown> {
  return { [table.deletion!.column]: at };
}
