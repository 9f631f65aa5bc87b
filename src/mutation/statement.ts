import type { GenericId } from 'convex/values';
import { planForeignKeyActions } from './actions.js';
import type { Change, StatementContext } from './changes.js';
import { verifyChecks } from './checks.js';
import { verifyForeignKeys } from './foreignKeys.js';
import { verifyUniques } from './unique.js';
import { validateFields, validateRow } from './validate.js';
import { verifyWriteLimits } from './writeLimits.js';

/**
 * Runs a statement: plans foreign-key actions, then checks every row
 * (validation, write limits, checks, foreign-key existence, uniqueness, restrict) and only
 * then writes, one row after another. A statement that throws has written
 * nothing. Returns the ids of the inserted rows, in order.
 *
 * The builders validate the values they were given before any read, so
 * `primary` arrives validated; what the actions plan (and what they merge into
 * a primary row's patch) is validated here.
 */
export async function executeStatement(
  context: StatementContext,
  primary: readonly Change[],
): Promise<GenericId<string>[]> {
  // Taken before planning: an action may replace a primary row's patch with a merged one.
  const validated = new Set(primary.map(written));
  const changes = await planForeignKeyActions(context, primary);
  validatePlanned(context, validated, changes);
  verifyWriteLimits(context, changes);
  verifyChecks(changes);
  await verifyForeignKeys(context, changes);
  await verifyUniques(context, changes);
  return write(context, changes);
}

function validatePlanned(
  context: StatementContext,
  validated: ReadonlySet<object | null>,
  changes: readonly Change[],
): void {
  for (const change of changes) {
    if (validated.has(written(change))) continue;
    if (change.kind === 'insert') validateRow(context.db, change.table, change.row);
    if (change.kind === 'patch') validateFields(context.db, change.table, change.patch);
  }
}

/** The values a change writes (`null` for a delete, which writes none). */
function written(change: Change): object | null {
  return change.kind === 'insert' ? change.row : change.kind === 'patch' ? change.patch : null;
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
