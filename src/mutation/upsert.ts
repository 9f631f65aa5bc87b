import { OrmError } from '../errors.js';
import { matchesFilter } from '../filter/evaluate.js';
import type { FilterNode } from '../filter/tree.js';
import { meterOf } from '../limits/meteredDb.js';
import type { RowOperation } from '../query/schemaContext.js';
import type { AnyColumn } from '../schema/column.js';
import type { TableConfig, UniqueConfig } from '../schema/table.js';
import { findUniqueOn } from '../schema/tableIndexes.js';
import { runBeforeTriggers, runBeforeUpdate, syncAfterBeforeHooks } from './beforeTriggers.js';
import {
  changesAny,
  insertChange,
  type RowChange,
  type StatementContext,
  type UpdateChange,
  updateChange,
} from './changes.js';
import { validateChanges } from './checkChanges.js';
import { checkNewRow, checkReturnedRow, checkUpdatedRow, ruleViolation } from './checkRules.js';
import { verifyRowChecks } from './checks.js';
import { forgetReadsBefore, rowsWrittenSince, withoutChangingOwnRows } from './hookWrites.js';
import { withOwnValues } from './ownValues.js';
import { type KeyHolder, RowsSoFar } from './rowsSoFar.js';
import { checkTriggerDepth, hooksOf } from './triggerScope.js';
import type { StoredRow } from './values.js';

/** `onConflictDoNothing` / `onConflictDoUpdate`, resolved against the table. */
export type ConflictPlan =
  | { readonly kind: 'nothing'; readonly constraints: readonly UniqueConfig[] }
  | {
      readonly kind: 'update';
      readonly constraint: UniqueConfig;
      readonly patch: StoredRow;
      readonly setWhere: FilterNode | null;
    };

/**
 * The rules an upsert may apply, built before it reads a conflict ({@link requireRules}): `insert`
 * for the rows it inserts, and for `do update` the `read` and `update.using` a conflicting row
 * must pass. `do nothing` needs `read` only when it `returns` rows (the rows it inserts must pass
 * it): a conflict skips the row, visible or not.
 */
export function conflictRules(plan: ConflictPlan, returns: boolean): readonly RowOperation[] {
  if (plan.kind === 'update') return ['insert', 'read', 'updateUsing'];
  return returns ? ['insert', 'read'] : ['insert'];
}

/**
 * The unique constraint an `onConflict*` target names: its columns must be
 * exactly those of a unique constraint or unique index of the table.
 */
export function conflictTarget(
  table: TableConfig,
  target: AnyColumn | readonly AnyColumn[],
  clause: string,
): UniqueConfig {
  const columns = Array.isArray(target) ? target : [target as AnyColumn];
  const fields = columns.map((column) => {
    if (column?.tableName !== table.name) {
      throw new OrmError('INVALID_QUERY', `${clause} target must be columns of "${table.name}".`, {
        table: table.name,
      });
    }
    return column.name;
  });
  const constraint = findUniqueOn(table.uniques, fields);
  if (!constraint) {
    const known = table.uniques.map((unique) => `(${unique.fields.join(', ')})`).join(', ') || 'none';
    throw new OrmError(
      'INVALID_QUERY',
      `${clause} target (${fields.join(', ')}) is not a unique constraint or unique index of "${table.name}" (its unique constraints: ${known}); declare .unique() / uniqueIndex() on it or pick one of those.`,
      { table: table.name, details: { target: fields } },
    );
  }
  return constraint;
}

/**
 * The proposed rows of an upsert after their `beforeInsert` hooks, which run
 * before conflicts are judged: Postgres fires BEFORE INSERT row triggers
 * first, then ON CONFLICT judges each row as they left it (a hook that
 * lowercases the key finds the stored row), so a row that is then skipped or
 * updates the row it conflicts with has had its hook too. Replacement values
 * are validated as the stages validate them; a veto rejects before the
 * statement reads or writes anything. The stages must not run the hooks again
 * (`StatementContext.beforeHooked`).
 */
export async function hookProposedRows(
  context: StatementContext,
  table: TableConfig,
  rows: readonly StoredRow[],
): Promise<StoredRow[]> {
  checkTriggerDepth(context.triggers, table.name);
  const hooked = await runBeforeTriggers(
    context.triggers,
    rows.map((row) => insertChange(table, row)),
  );
  validateChanges(context, new Set(rows), hooked);
  await syncAfterBeforeHooks(context.db);
  // An insert's hook makes an insert.
  return hooked.map((change) => change.new as StoredRow);
}

/**
 * Decides, row by row and in order as Postgres does, what an upsert does with
 * each proposed row, judging it against the table as the rows before it left
 * it. Under rules every proposed row passes the `insert` rule first, before
 * the statement reads any stored row (as Postgres's ExecInsert checks the
 * INSERT policy's WITH CHECK before it looks for a conflict, and ahead of the
 * span read of the keys: a row the caller may not insert fails alike whether
 * its key is free or held by a row the caller cannot see, whatever hidden rows
 * lie between the keys, and never updates the row it conflicts with). Then, row
 * by row: a row it inserts and `returning()` gives back must pass `read` (a
 * skipped row returns nothing); its check constraints (conflicting or not); then a conflict on a
 * target constraint skips it (`do nothing`) or patches the
 * conflicting row with the `set` values when `setWhere` holds (`do update`;
 * under rules the conflicting row must pass `read` and `update.using` before
 * `setWhere` is judged, else `RULE_VIOLATION`; a row this statement already inserted or updated cannot be updated again:
 * Postgres's "cannot affect row a second time"; the patched row then has its
 * `beforeUpdate` hook, `update.check` (and `read` when returned) and check constraints, as a plain
 * update's, {@link judgedUpdate}); otherwise it is inserted. The unique keys of
 * every inserted row and patched row (as its hook left it) are checked on the
 * way, so a key freed by an earlier row is free and a key taken by one is
 * taken. The stages judge none of these rows by the rules again (`ownRowsJudged`).
 */
export async function resolveConflicts(
  context: StatementContext,
  table: TableConfig,
  rows: readonly StoredRow[],
  plan: ConflictPlan,
): Promise<RowChange[]> {
  const targets = plan.kind === 'nothing' ? plan.constraints : [plan.constraint];
  if (context.rules) {
    for (const row of rows) await checkNewRow(context.rules, table, row);
  }
  // The update branch's hooks run as rows are resolved: a row one of them changes is not written from as read.
  const hooked = hooksOf(context.triggers, table.name)?.beforeUpdate !== undefined;
  const changes = hooked
    ? await withoutChangingOwnRows(context.db, () => resolveEach(context, table, rows, plan, targets, hooked))
    : await resolveEach(context, table, rows, plan, targets, hooked);
  // The update branch's hooks ran here, ahead of the stages (a one-row statement may reserve without them).
  if (hooked && changes.some(isUpdate)) await syncAfterBeforeHooks(context.db);
  return changes;
}

/** {@link resolveConflicts}' row by row part: each proposed row inserted, skipped or updating the row it conflicts with. */
async function resolveEach(
  context: StatementContext,
  table: TableConfig,
  rows: readonly StoredRow[],
  plan: ConflictPlan,
  targets: readonly UniqueConfig[],
  hooked: boolean,
): Promise<RowChange[]> {
  const others = table.uniques.filter((constraint) => !targets.includes(constraint));
  const verifiedUniques = new Set(table.uniques.map((constraint) => constraint.name));
  const soFar = new RowsSoFar(context, table);
  await soFar.readAhead(rows);
  // The update branch's hooks' writes, watched (`withoutChangingOwnRows`); without a meter, any hook may have written.
  const written = hooked ? meterOf(context.db)?.changedRows : undefined;
  let hooksWroteTable = false;
  const changes: RowChange[] = [];
  for (const row of rows) {
    // Looked up before the checks (a lookup throws nothing), so that a row it inserts and returns is
    // judged by `read` before its checks, as a plain insert's rules stage judges it.
    const conflict = await firstConflict(soFar, targets, row);
    if (!conflict && context.rules && context.returnsRows) await checkReturnedRow(context.rules, table, row);
    verifyRowChecks(table, row);
    if (!conflict) {
      await soFar.insert(row, others);
      changes.push(insertChange(table, row, verifiedUniques));
      continue;
    }
    if (plan.kind === 'nothing') continue;
    if (conflict.written) throw updatedTwice(table, plan.constraint);
    // As Postgres RLS, a conflicting row the caller may not update is an error, not a skip; unlike it,
    // judged before the DO UPDATE WHERE: setWhere on a hidden row would tell its values (fails or resolves).
    if (context.rules && !(await context.rules(table, ['read', 'updateUsing'], conflict.row))) {
      throw ruleViolation(table, 'updateUsing', 'The row this upsert conflicts with');
    }
    if (!matchesFilter(plan.setWhere, conflict.row)) continue;
    const mark = written?.position ?? 0;
    // Its own copy of the `set` values: the rows this statement updates share no object or array.
    const change = await judgedUpdate(context, updateChange(table, conflict.row, withOwnValues(plan.patch)));
    if (hooked && (!written || written.anySince(mark))) {
      // The hook wrote (through its ctx.db or ctx.raw): a key of this table looked up before may be taken or freed now.
      const ids = written ? await rowsWrittenSince(context.db, written, mark, table.name) : null;
      if (ids === null || ids.length > 0) {
        hooksWroteTable = true;
        await soFar.refresh(ids);
      }
    }
    const writtenUniques = table.uniques.filter((constraint) => changesAny(change, constraint.fields));
    await soFar.update(conflict.row, change.new, writtenUniques);
    changes.push(change);
  }
  // A row inserted before a hook wrote may now share a key with the hook's row: the stages look its keys up again.
  if (hooksWroteTable) forgetReadsBefore(context, changes);
  return changes;
}

const isUpdate = (change: RowChange): boolean => change.operation === 'update';

/**
 * The update branch's `change` judged as a plain update judges its row, in
 * Postgres's order (ExecUpdate, before the index insertion), so that its
 * unique keys come last: its `beforeUpdate` hook (a veto rejects before
 * anything is written), whose replacement values are validated like user
 * input; under rules `update.check` on the row as it will be written (and
 * `delete` on the stored row when it deletes it, `read` on the new row when the
 * statement returns it); then its check constraints. The stages run
 * neither the hook nor the rules again (`beforeHooked`, `ownRowsJudged`).
 * Returns the change as the hook left it.
 */
async function judgedUpdate(context: StatementContext, change: UpdateChange): Promise<UpdateChange> {
  const hooked = await runBeforeUpdate(context.triggers, change);
  // A change of its own when the hook returned values: none of them validated yet. Validated before the
  // rules judge the row, as a plain update's stages validate them.
  if (hooked !== change) validateChanges(context, new Set(), [hooked]);
  if (context.rules) {
    await checkUpdatedRow(context.rules, hooked);
    if (context.returnsRows) await checkReturnedRow(context.rules, hooked.table, hooked.new);
  }
  verifyRowChecks(hooked.table, hooked.new);
  return hooked;
}

async function firstConflict(
  soFar: RowsSoFar,
  targets: readonly UniqueConfig[],
  row: StoredRow,
): Promise<KeyHolder | null> {
  for (const constraint of targets) {
    const holder = await soFar.holder(constraint, row);
    if (holder) return holder;
  }
  return null;
}

function updatedTwice(table: TableConfig, constraint: UniqueConfig): OrmError {
  return new OrmError(
    'UNIQUE_VIOLATION',
    `onConflictDoUpdate on "${table.name}" cannot affect a row a second time: a row of the statement conflicts on (${constraint.fields.join(', ')}) with a row the statement already inserted or updated; deduplicate the values.`,
    { table: table.name, details: { constraint: constraint.name } },
  );
}
