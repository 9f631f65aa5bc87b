import { OrmError } from '../errors.js';
import { evaluateFilter } from '../filter/evaluate.js';
import type { CheckConfig, TableConfig } from '../schema/table.js';
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
  // Per row written: a table without checks makes no list.
  if (table.checks.length === 0) return;
  const [check] = failedChecks(table, row);
  if (check) {
    throw new OrmError(
      'CHECK_VIOLATION',
      `Row of "${table.name}" violates check constraint "${check.name}"; change the values so the check holds.`,
      { table: table.name, details: { check: check.name } },
    );
  }
}

/** The check constraints of `table` that are FALSE for the stored `row` (UNKNOWN passes, as in SQL). */
export function failedChecks(table: TableConfig, row: Readonly<Record<string, unknown>>): CheckConfig[] {
  return table.checks.filter((check) => evaluateFilter(check.filter, row) === false);
}
