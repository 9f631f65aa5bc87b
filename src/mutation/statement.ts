import { hasAggregates, maintainAggregates, planAggregates } from '../aggregate/maintain.js';
import { hasForeignKeyActions, planForeignKeyActions } from './actions.js';
import { hasAfterHooks, runAfterTriggers } from './afterTriggers.js';
import { hasBeforeHooks, runBeforeTriggers, syncAfterBeforeHooks } from './beforeTriggers.js';
import type { RowChange, StatementContext } from './changes.js';
import { checkChanges, validateChanges, writtenValues } from './checkChanges.js';
import { checkReturnedRows, checkRules, judgesRules } from './checkRules.js';
import { readCreationTimes } from './creationTimes.js';
import { verifyForeignKeys, writesReferences } from './foreignKeys.js';
import { runReachedBeforeTriggers, withoutChangingOwnRows } from './hookWrites.js';
import { scheduleDeletes, schedulesDeletes } from './scheduleDeletes.js';
import { checkTriggerDepth } from './triggerScope.js';
import { mayViolateUniques, type OwnRowsBeforeActions, verifyUniques } from './unique.js';
import { writeChanges, writeOne, writtenAsIs } from './writeChanges.js';
import { mayGrowRawChanged, reserveWrites, verifyRawChangedSizes, verifyWriteLimits } from './writeLimits.js';

/**
 * Runs a statement's row changes through the pipeline:
 *
 * before-triggers -> own rows' values validated -> [rules, returned rows' read rule] -> plan
 * (foreign-key actions, [merged returned rows validated and judged by read], restrict / no action,
 * their values validated, their rows' before-triggers, those values validated)
 * -> aggregate buckets grouped -> constraint checks (limits, then foreign keys
 * and uniques) -> writes reserved -> write -> creation times read back
 * (`returning()`) -> aggregate maintenance -> scheduled deletes -> after-triggers
 *
 * Everything up to the write reads only, so a statement that throws before
 * it has written nothing, and has used none of the transaction's write
 * budget: its writes are reserved in the meter only once every check has
 * passed (they are checked to fit with the limits, before the reads of the
 * foreign-key and unique checks). Returns the changes as written (inserts
 * with their `_id`): the statement's own rows first, in their order, as
 * before-hooks left them, then the rows its foreign-key actions changed.
 * What the reservation holds and is sent after the step that reserves it (the
 * rows after the first, creation-time reads, buckets, scheduled deletes) is
 * held ahead until sent, so a sync a hook's raw write asks meanwhile keeps
 * counting it (`HeldWrites`), and released when the statement ends or fails.
 *
 * A stage with nothing to do (no hooks on the tables, no referenced key
 * vacated, no rules, no reference or unique column written, no aggregate
 * index, no creation time to read back, no scheduled delete) is skipped
 * without an await; a one-row statement for which only the checks and the
 * write have work (a hook's update, run 1,000 times) is one step: its write.
 *
 * The builders validate the values they were given before any read, so
 * `primary` arrives validated; the values actions and hooks make are
 * validated before any stage uses them. The changes in
 * `context.beforeHooked` (an upsert's rows, hooked before their conflicts
 * were judged) arrive hooked and validated: their hooks do not run again.
 * Errors reject, also the checks'.
 * `then` continues with the written changes in the step that wrote them (a
 * one-row update shapes its result without a promise of its own).
 */
export function executeStatement(context: StatementContext, primary: readonly RowChange[]): Promise<RowChange[]>;
export function executeStatement<T>(
  context: StatementContext,
  primary: readonly RowChange[],
  then: (written: RowChange[]) => T,
): Promise<T>;
export function executeStatement(
  context: StatementContext,
  primary: readonly RowChange[],
  then: (written: RowChange[]) => unknown = writtenAsIs,
): Promise<unknown> {
  try {
    // A statement that matched no row writes nothing and fires nothing: no level to count.
    if (primary.length === 0) return Promise.resolve(then([]));
    checkTriggerDepth(context.triggers, primary[0]!.table.name);
    // Tried for one row only: a statement that goes on to the stages tests them again, per row.
    if (primary.length === 1 && onlyChecksAndWrite(context, primary)) {
      const planned = checkChanges(context, primary, null);
      reserveWrites(planned, primary);
      return writeOne(context.db, primary[0]!, planned, then);
    }
  } catch (error) {
    return Promise.reject(error);
  }
  return runStages(context, primary, then);
}

/** True when no stage but the checks and the write has work for `primary` (no planning, no read, nothing after). */
function onlyChecksAndWrite(context: StatementContext, primary: readonly RowChange[]): boolean {
  const { triggers } = context;
  return !(
    hasBeforeHooks(triggers, primary, context.beforeHooked) ||
    hasForeignKeyActions(context, primary) ||
    judgesRules(context, primary) ||
    hasAggregates(primary) ||
    context.creationTimes !== null ||
    writesReferences(context, primary) ||
    mayViolateUniques(primary) ||
    schedulesDeletes(context.scheduling, primary) ||
    hasAfterHooks(triggers, primary) ||
    mayGrowRawChanged(context.db, primary)
  );
}

async function runStages(
  context: StatementContext,
  primary: readonly RowChange[],
  then: (written: RowChange[]) => unknown,
): Promise<unknown> {
  const { triggers, beforeHooked } = context;
  // A primary row's hooks run before its actions are planned, so a replaced key gets its actions.
  const hooked = hasBeforeHooks(triggers, primary, beforeHooked)
    ? await withoutChangingOwnRows(context.db, () => runBeforeTriggers(triggers, primary, beforeHooked))
    : primary;
  // The values the builders validated (none to take when hooks made none: every change is the builders').
  const validated = hooked === primary ? null : new Set(primary.map(writtenValues));
  // The statement's own rows, as their hooks left them, are validated and then judged by the rules before
  // any foreign-key action is planned: a rule sees values of its columns' types only (a relation filter
  // reads by a reference's id; a function rule calls string methods), and on the rows as the statement
  // makes them; and a statement the rules refuse tells nothing of the rows its actions would reach (a
  // restrict, the row cap, their hooks), as Postgres types a trigger's NEW row and judges WITH CHECK
  // before its foreign-key triggers run.
  validateChanges(context, validated, hooked);
  if (judgesRules(context, hooked)) await checkRules(context, hooked);
  // With `returning()`, the rows it gives back must pass `read`: judged here too, before any action is
  // planned (an upsert judged its rows as it resolved them).
  const judgesReturned = context.rules !== null && context.returnsRows;
  if (judgesReturned && !context.ownRowsJudged) await checkReturnedRows(context, hooked, null);
  let changes = hooked;
  let ownBeforeActions: OwnRowsBeforeActions | undefined;
  if (hasForeignKeyActions(context, hooked)) {
    ownBeforeActions = new Map(hooked.map((change) => [change, change.new]));
    // The own rows' values as judged, taken before the actions merge into them (a merge replaces a
    // change's patch or row with a new object, in place).
    const ownValues = new Set(hooked.map(writtenValues));
    // An own row an action merged into is returned as the action leaves it: validated and judged by `read`
    // again before `restrict` / `no action` are judged and the rows the actions reach validated, so a
    // refusal tells nothing of those rows (the row cap and the read budget, which bound what planning
    // reads, aside).
    const planned = await planForeignKeyActions(
      context,
      hooked,
      judgesReturned ? () => judgeMergedReturnedRows(context, hooked, ownValues) : undefined,
    );
    // What the actions made (their rows, own rows' values they merged into) is validated before the reached
    // rows' hooks see it, as their own values are; no rule judges it (actions are not subject to rules).
    validateChanges(context, ownValues, planned);
    const own = new Set(hooked);
    if (hasBeforeHooks(triggers, planned, own)) {
      // The rows the actions reach are known: a statement whose writes cannot fit is refused before
      // their hooks may write (the check stage measures them again, as the hooks left them).
      verifyWriteLimits(context, planned, null, context.rules ? hooked.length : planned.length);
      changes = await runReachedBeforeTriggers(context, planned, own);
      validateChanges(context, new Set(planned.map(writtenValues)), changes);
    } else changes = planned;
  }
  const syncing = syncAfterBeforeHooks(context.db);
  if (syncing) await syncing;
  const measuring = verifyRawChangedSizes(context.db, changes, context.rules ? hooked.length : changes.length);
  if (measuring) await measuring;
  // Bucket changes are grouped before the first write, so the check stage reserves them with the rows.
  const buckets = hasAggregates(changes) ? await planAggregates(context.db, changes) : null;
  const planned = checkChanges(context, changes, buckets, hooked.length);
  if (writesReferences(context, changes)) await verifyForeignKeys(context, changes);
  if (mayViolateUniques(changes)) await verifyUniques(context, changes, ownBeforeActions);
  const reserved = reserveWrites(planned, changes);
  let written: RowChange[];
  try {
    written = await writeChanges(context.db, changes, planned, reserved);
    // First: an after-hook may change or delete the rows `returning()` shows as this statement wrote them.
    if (context.creationTimes) await readCreationTimes(context.db, written, context.creationTimes, reserved);
    if (buckets) await maintainAggregates(context.db, buckets, written, reserved?.held ?? null);
    if (schedulesDeletes(context.scheduling, written)) {
      await scheduleDeletes(context.scheduling, written, reserved?.held ?? null);
    }
  } finally {
    // Done, or failed midway: nothing of the statement stays held past it.
    reserved?.held.release();
  }
  if (hasAfterHooks(triggers, written)) await runAfterTriggers(triggers, written);
  return then(written);
}

/**
 * With `returning()` under rules, the statement's own rows an action merged into (their values no
 * longer among `ownValues`, the values judged before), validated and judged by `read` as they will
 * be returned.
 */
async function judgeMergedReturnedRows(
  context: StatementContext,
  own: readonly RowChange[],
  ownValues: ReadonlySet<object | null>,
): Promise<void> {
  validateChanges(context, ownValues, own);
  await checkReturnedRows(context, own, ownValues);
}
