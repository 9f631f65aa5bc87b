import { OrmError } from '../errors.js';
import { evaluateFilter } from '../filter/evaluate.js';
import type { RowChange } from './changes.js';

/**
 * Check constraints of every written row: a row fails only when a check is
 * FALSE (UNKNOWN passes, as in SQL). Throws `CHECK_VIOLATION` naming the check.
 */
export function verifyChecks(changes: readonly RowChange[]): void {
  for (const change of changes) {
    const row = change.new;
    if (!row) continue;
    for (const check of change.table.checks) {
      if (evaluateFilter(check.filter, row) === false) {
        throw new OrmError(
          'CHECK_VIOLATION',
          `Row of "${change.table.name}" violates check constraint "${check.name}"; change the values so the check holds.`,
          { table: change.table.name, details: { check: check.name } },
        );
      }
    }
  }
}
