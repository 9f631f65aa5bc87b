import { maintainAggregates } from '../aggregate/maintain.js';
import { planForeignKeyActions } from './actions.js';
import { runAfterTriggers } from './afterTriggers.js';
import { runBeforeTriggers } from './beforeTriggers.js';
import type { RowChange, StatementContext } from './changes.js';
import { checkChanges, writtenValues } from './checkChanges.js';
import { checkRules } from './checkRules.js';
import { scheduleDeletes } from './scheduleDeletes.js';
import { checkTriggerDepth } from './triggerScope.js';
import { writeChanges } from './writeChanges.js';

/**
 * Runs a statement's row changes through the pipeline:
 *
 * plan (foreign-key actions) -> before-triggers -> [rules] -> constraint checks
 * -> write -> aggregate maintenance -> scheduled deletes -> after-triggers
 *
 * Everything up to the write reads only, so a statement that throws before
 * it has written nothing. Returns the changes as written (inserts with their
 * `_id`): the statement's own rows first, in their order, as before-hooks
 * left them, then the rows its foreign-key actions changed.
 *
 * The builders validate the values they were given before any read, so
 * `primary` arrives validated; the values actions and hooks make are
 * validated by the check stage.
 */
export async function executeStatement(context: StatementContext, primary: readonly RowChange[]): Promise<RowChange[]> {
  checkTriggerDepth(context.triggers, primary[0]?.table.name ?? '');
  const validated = new Set(primary.map(writtenValues).filter((values) => values !== null));
  // A primary row's hooks run before its actions are planned, so a replaced key gets its actions.
  const hooked = await runBeforeTriggers(context.triggers, primary);
  const planned = await planForeignKeyActions(context, hooked);
  const changes = await runBeforeTriggers(context.triggers, planned, new Set(hooked));
  const own = new Set(hooked);
  await checkRules(
    context.rules,
    changes.filter((change) => own.has(change)),
  );
  await checkChanges(context, validated, changes);
  const written = await writeChanges(context.db, changes);
  await maintainAggregates(context.db, written);
  await scheduleDeletes(context.scheduling, written);
  await runAfterTriggers(context.triggers, written);
  return written;
}
