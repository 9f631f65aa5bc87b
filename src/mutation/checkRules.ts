import type { GenericDatabaseReader } from 'convex/server';
import { OrmError } from '../errors.js';
import { andNodes } from '../filter/tree.js';
import { createExecution, type ReadOptions } from '../query/execution.js';
import { residualTest } from '../query/residual.js';
import type { RowOperation, SchemaContext } from '../query/schemaContext.js';
import { ruleFilter } from '../query/visibleRows.js';
import type { TableConfig } from '../schema/table.js';
import type { RowChange, StatementContext, UpdateChange } from './changes.js';
import { writtenValues } from './checkChanges.js';
import type { Doc } from './reader.js';
import { deletesRow, isSoftDelete } from './softDelete.js';
import type { StoredRow } from './values.js';

/** Does a row pass every rule of `operations` on `table`? Relation filters in rules read through `db`. */
export type RuleCheck = (table: TableConfig, operations: readonly RowOperation[], row: Doc) => Promise<boolean>;

const OPERATION_NAMES: Record<RowOperation, string> = {
  read: 'read',
  insert: 'insert',
  updateUsing: 'update.using',
  updateCheck: 'update.check',
  delete: 'delete',
};

/** The rule check of a `db` whose schema carries rules, else `null` (nothing to check). */
export function ruleCheck(
  schema: SchemaContext,
  db: GenericDatabaseReader<any>,
  options: ReadOptions,
): RuleCheck | null {
  if (!schema.rules) return null;
  return async (table, operations, row) => {
    await schema.rules?.ready();
    const key = schema.keyOf(table.name);
    const filter = andNodes(operations.map((operation) => ruleFilter(schema, key, operation)));
    if (filter === null) return true;
    const context = createExecution(db, schema, options).context;
    return residualTest(context, table.name, filter)(row);
  };
}

/**
 * Builds the rules of `operations` on `table` before a statement reads the rows they judge: under
 * `defaultDeny` a table without an entry, or an entry without one of the rules, is
 * `RULE_VIOLATION` here, whatever the rows turn out to be (as an update or delete fails before it
 * matches a row). A statement whose outcome depends on stored rows it then skips (an upsert's
 * conflicts) would otherwise tell a denied caller which rows exist, or what they hold.
 */
export async function requireRules(
  schema: SchemaContext,
  table: TableConfig,
  operations: readonly RowOperation[],
): Promise<void> {
  if (!schema.rules) return;
  await schema.rules.ready();
  const key = schema.keyOf(table.name);
  for (const operation of operations) ruleFilter(schema, key, operation);
}

/**
 * `RULE_VIOLATION` for a row that fails a rule: it names the table and the
 * rule, never the row's values (the row may be one the caller cannot read).
 */
export function ruleViolation(table: TableConfig, operation: RowOperation, what: string): OrmError {
  return new OrmError(
    'RULE_VIOLATION',
    `${what} violates the "${OPERATION_NAMES[operation]}" rule of "${table.name}"; nothing was written.`,
    { table: table.name, details: { rule: OPERATION_NAMES[operation] } },
  );
}

/**
 * True when the rules stage has rows of `own` to judge: rules are on, and some row was not judged
 * before the stages (a delete's were when it matched them, save one a before-hook kept live; an
 * upsert's were as it resolved them).
 */
export function judgesRules(context: StatementContext, own: readonly RowChange[]): boolean {
  if (context.rules === null) return false;
  for (const change of own) if (!judgedBefore(context, change)) return true;
  return false;
}

/** True when the statement judged its own `change` before the stages ({@link judgesRules}). */
function judgedBefore(context: StatementContext, change: RowChange): boolean {
  if (context.ownDeletesJudged) return stillDeletes(change);
  return context.ownRowsJudged === true;
}

/**
 * The rules stage of the pipeline: the statement's own new rows must pass
 * `insert`, its updated rows `update.check` (Postgres's WITH CHECK), as its
 * before-hooks left them and before its foreign-key actions are planned, so
 * before anything is written (with `returning()` they must pass `read` too,
 * {@link checkReturnedRows}). An update that sets the deletion column (by `set`, an
 * upsert's `set`, a before-hook or a migration) deletes the row as `delete()`
 * does, so its old row must pass `delete` too: else `update` would soft-delete
 * (and schedule the rule-less hard delete of) a row the caller may not delete.
 * Re-timing a soft-deleted row of a scheduled table schedules that hard delete too.
 * A delete's own rows are judged only when a before-hook kept them live ({@link checkKeptLive}), an
 * upsert's not at all: they were judged as its conflicts were resolved (`resolveConflicts`).
 * Foreign-key actions are not subject to rules.
 */
export async function checkRules(context: StatementContext, own: readonly RowChange[]): Promise<void> {
  const check = context.rules;
  if (!check || context.ownRowsJudged) return;
  for (const change of own) {
    if (change.operation === 'delete') continue;
    if (context.ownDeletesJudged) {
      await checkKeptLive(check, change);
      continue;
    }
    if (change.operation === 'update') {
      await checkUpdatedRow(check, change);
    } else {
      await checkNewRow(check, change.table, change.new);
    }
  }
}

/**
 * With `returning()` under rules, each of the statement's own rows it gives back must pass `read`
 * ({@link checkReturnedRow}), before anything is written: in the rules stage, and again for a row a
 * foreign-key action merged into (returned as the action leaves it) once the actions are planned,
 * the rows whose values are still among `unchanged` (the values judged before) skipped.
 */
export async function checkReturnedRows(
  context: StatementContext,
  own: readonly RowChange[],
  unchanged: ReadonlySet<object | null> | null,
): Promise<void> {
  const check = context.rules;
  if (!check || !context.returnsRows) return;
  for (const change of own) {
    if (!change.new || unchanged?.has(writtenValues(change))) continue;
    await checkReturnedRow(check, change.table, change.new);
  }
}

/**
 * The rule a new row must pass as it will be written: `insert`. The rules stage judges a
 * statement's inserts so ({@link checkRules}), an upsert every proposed row before it reads a
 * stored row.
 */
export async function checkNewRow(check: RuleCheck, table: TableConfig, row: StoredRow): Promise<void> {
  if (!(await check(table, ['insert'], row as Doc))) throw ruleViolation(table, 'insert', 'A new row');
}

/**
 * The rules an updated row must pass as it will be written: when the update deletes the row
 * (sets its deletion column, {@link deletesRow}), `delete` on the row as stored; then
 * `update.check` on the new row. The rules stage judges a statement's updates so
 * ({@link checkRules}), an upsert its update branch's as it resolves its conflicts.
 */
export async function checkUpdatedRow(check: RuleCheck, change: UpdateChange): Promise<void> {
  if (deletesRow(change) && !(await check(change.table, ['delete'], change.old))) {
    throw ruleViolation(change.table, 'delete', 'A row this statement soft-deletes');
  }
  if (!(await check(change.table, ['updateCheck'], change.new))) {
    throw ruleViolation(change.table, 'updateCheck', 'An updated row');
  }
}

/**
 * A row `returning()` gives back must pass `read` as it will be written (hooks' values, defaults and
 * `$onUpdateFn` values included), as Postgres checks RETURNING rows against the SELECT policy and
 * fails the statement when one does not pass: else the caller would see a row they may write but
 * not read, values a hook or default filled in from rows hidden from them included. Judged with the
 * row's other rules, before anything is written: the rules stage after `insert` or `update.check`
 * ({@link checkRules}), an upsert as it decides to insert or update the row. A new row is judged
 * with the `_creationTime` Convex gives it (the mutation's time, `Date.now()`: a retention rule on
 * `_creationTime` lets the caller read it, as Postgres fills `DEFAULT now()` before it judges
 * RETURNING) and without `_id`, which only the write makes (a read rule on `_id` cannot pass it).
 * The error names the table and the rule, never the row's values.
 */
export async function checkReturnedRow(check: RuleCheck, table: TableConfig, row: StoredRow): Promise<void> {
  // A literal with the row spread after its new key: the fast way V8 copies a row that gains one.
  const returned = row._creationTime === undefined ? { _creationTime: Date.now(), ...row } : row;
  if (await check(table, ['read'], returned as Doc)) return;
  throw new OrmError(
    'RULE_VIOLATION',
    `A row returning() would give back violates the "read" rule of "${table.name}": the caller could not read it; nothing was written. Drop returning() or change the rule.`,
    { table: table.name, details: { rule: 'read' } },
  );
}

/**
 * Judges a soft delete's own `change` when a `beforeUpdate` hook kept its row live (set the
 * deletion column back to null): the statement writes an update, not a delete, so the update
 * rules judge it. Its row was matched by `delete`, not `update.using`, so it must pass
 * `update.using` as stored (else `delete` would let a caller rewrite a row `update` does not
 * match) and `update.check` as written. A row still soft-deleted is judged by `delete` alone,
 * whatever else the hook wrote with the column (a `deletedBy` stamp).
 */
async function checkKeptLive(check: RuleCheck, change: RowChange): Promise<void> {
  if (isSoftDelete(change)) return;
  const what = 'A row this delete keeps live (a beforeUpdate hook set its deletion column back to null)';
  if (!(await check(change.table, ['updateUsing'], change.old as Doc))) {
    throw ruleViolation(change.table, 'updateUsing', what);
  }
  if (!(await check(change.table, ['updateCheck'], change.new as Doc))) {
    throw ruleViolation(change.table, 'updateCheck', what);
  }
}

/** True when a delete's own `change` still deletes its row: a hard delete, or a soft one no hook kept live. */
function stillDeletes(change: RowChange): boolean {
  return change.operation === 'delete' || isSoftDelete(change);
}
