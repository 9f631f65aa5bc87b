import type { RowChange, StatementContext } from './changes.js';
import { verifyChecks } from './checks.js';
import { verifyForeignKeys } from './foreignKeys.js';
import { checkScheduling } from './scheduleDeletes.js';
import { verifyUniques } from './unique.js';
import { validateFields, validateRow } from './validate.js';
import { verifyWriteLimits } from './writeLimits.js';

/**
 * Every constraint of every planned change, before the first write:
 * validation of values not validated yet (the builders validate what they
 * were given before any read; foreign-key actions and before-hooks make new
 * values), the write limits (document size, the statement's writes against
 * what the transaction has left), check constraints, foreign-key existence,
 * uniqueness, and that a scheduled delete can be scheduled.
 * `validated` holds the values (insert rows, update patches) already validated.
 */
export async function checkChanges(
  context: StatementContext,
  validated: ReadonlySet<object>,
  changes: readonly RowChange[],
): Promise<void> {
  for (const change of changes) {
    if (change.operation === 'insert' && !validated.has(change.new)) validateRow(context.db, change.table, change.new);
    if (change.operation === 'update' && !validated.has(change.patch)) {
      validateFields(context.db, change.table, change.patch);
    }
  }
  verifyWriteLimits(context, changes);
  verifyChecks(changes);
  checkScheduling(context.scheduling, changes);
  await verifyForeignKeys(context, changes);
  await verifyUniques(context, changes);
}

/** The values a change writes, which the builders validated (none for a delete). */
export function writtenValues(change: RowChange): object | null {
  return change.operation === 'insert' ? change.new : change.operation === 'update' ? change.patch : null;
}
