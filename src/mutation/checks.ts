import { OrmError } from '../errors.js';
import { evaluateFilter } from '../filter/evaluate.js';
import type { TableConfig } from '../schema/table.js';
import type { RowChange } from './changes.js';
import type { StoredRow } from './values.js';

/** Check constraints of every row a statement writes (see {@link verifyRowChecks}). */
export function verifyChecks(changes: readonly RowChange[]): void {
  for (const change of changes) {
    if (change.new) verifyRowChecks(change.table, change.new);
  }
}

/**
 * Check constraints of one row: it fails only when a check is FALSE (UNKNOWN
 * passes, as in SQL). Throws `CHECK_VIOLATION` naming the check.
 */
export function verifyRowChecks(table: TableConfig, row: StoredRow): void {
  for (const check of table.checks) {
    if (evaluateFilter(check.filter, row) === false) {
      throw new OrmError(
        'CHECK_VIOLATION',
        `Row of "${table.name}" violates check constraint "${check.name}"; change the values so the check holds.`,
        { table: table.name, details: { check: check.name } },
      );
    }
  }
}
