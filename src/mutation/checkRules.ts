import type { GenericDatabaseReader } from 'convex/server';
import { OrmError } from '../errors.js';
import { andNodes } from '../filter/tree.js';
import { createExecution, type ReadOptions } from '../query/execution.js';
import { residualTest } from '../query/residual.js';
import type { RowOperation, SchemaContext } from '../query/schemaContext.js';
import { ruleFilter } from '../query/visibleRows.js';
import type { TableConfig } from '../schema/table.js';
import type { RowChange, StatementContext } from './changes.js';
import type { Doc } from './reader.js';
import { deletesRow } from './softDelete.js';

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

/** True when the rules stage has rows to judge: rules are on and the statement's own rows were not judged already. */
export function judgesRules(context: StatementContext): boolean {
  return context.rules !== null && context.ownRowsJudged !== true;
}

/**
 * The rules stage of the pipeline: the statement's own new rows must pass
 * `insert`, its updated rows `update.check` (Postgres's WITH CHECK), before
 * anything is written. An update that sets the deletion column (by `set`, an
 * upsert's `set`, a before-hook or a migration) deletes the row as `delete()`
 * does, so its old row must pass `delete` too: else `update` would soft-delete
 * (and schedule the rule-less hard delete of) a row the caller may not delete.
 * Re-timing a soft-deleted row of a scheduled table schedules that hard delete too.
 * Foreign-key actions are not subject to rules.
 */
export async function checkRules(context: StatementContext, own: readonly RowChange[]): Promise<void> {
  const check = judgesRules(context) ? context.rules : null;
  if (!check) return;
  for (const change of own) {
    if (change.operation === 'delete') continue;
    if (deletesRow(change) && !(await check(change.table, ['delete'], change.old))) {
      throw ruleViolation(change.table, 'delete', 'A row this statement soft-deletes');
    }
    const operation = change.operation === 'insert' ? 'insert' : 'updateCheck';
    if (!(await check(change.table, [operation], change.new as Doc))) {
      throw ruleViolation(change.table, operation, change.operation === 'insert' ? 'A new row' : 'An updated row');
    }
  }
}
