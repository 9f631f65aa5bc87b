import type { GenericId } from 'convex/values';
import { planForeignKeyActions } from './actions.js';
import type { Change, StatementContext } from './changes.js';
import { verifyChecks } from './checks.js';
import { verifyForeignKeys } from './foreignKeys.js';
import { verifyUniques } from './unique.js';
import { validateFields, validateRow } from './validate.js';

/**
 * Runs a statement: plans foreign-key actions, then checks every row
 * (validation, checks, foreign-key existence, uniqueness, restrict) and only
 * then writes, one row after another. A statement that throws has written
 * nothing. Returns the ids of the inserted rows, in order.
 */
export async function executeStatement(
  context: StatementContext,
  primary: readonly Change[],
): Promise<GenericId<string>[]> {
  validate(context, primary);
  const changes = await planForeignKeyActions(context, primary);
  const primarySet = new Set<Change>(primary);
  const planned = changes.filter((change) => !primarySet.has(change));
  validate(context, planned);
  verifyChecks(changes);
  await verifyForeignKeys(context, changes);
  await verifyUniques(context, changes);
  return write(context, changes);
}

function validate(context: StatementContext, changes: readonly Change[]): void {
  for (const change of changes) {
    if (change.kind === 'insert') validateRow(context.db, change.table, change.row);
    if (change.kind === 'patch') validateFields(context.db, change.table, change.patch);
  }
}

// Sequential on purpose: writes of one statement never race each other.
async function write(context: StatementContext, changes: readonly Change[]): Promise<GenericId<string>[]> {
  const ids: GenericId<string>[] = [];
  for (const change of changes) {
    const table = change.table.name;
    if (change.kind === 'insert') ids.push(await context.db.insert(table, change.row));
    else if (change.kind === 'patch') await context.db.patch(table, change.before._id, change.patch);
    else await context.db.delete(table, change.before._id);
  }
  return ids;
}
