import { storedField } from '../ownField.js';
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
    (storedField(change.old, column) ?? null) === null &&
    (storedField(change.new, column) ?? null) !== null
  );
}

/**
 * True when `change` deletes its row: it soft-deletes it ({@link isSoftDelete}),
 * or gives a soft-deleted row of a `deletion('scheduled')` table another
 * deletion time, which schedules its hard delete anew (the job scheduled for
 * the old time no longer matches the row; a row soft-deleted without a job,
 * by an insert or raw `ctx.db`, gets its first).
 */
export function deletesRow(change: RowChange): change is UpdateChange {
  const deletion = change.table.deletion;
  if (!deletion || change.operation !== 'update') return false;
  const before = storedField(change.old, deletion.column) ?? null;
  const after = storedField(change.new, deletion.column) ?? null;
  return after !== null && (before === null || (deletion.mode === 'scheduled' && after !== before));
}

/** The patch that soft-deletes a row of `table` at `at` (ms since the epoch). */
export function softDeletePatch(table: TableConfig, at: number): Record<string, unknown> {
  return { [table.deletion!.column]: at };
}
