import type { GenericDatabaseReader } from 'convex/server';
import { OrmError } from '../errors.js';
import { placeholderName, placeholderOutsidePrepared } from '../filter/placeholder.js';
import { FIELD_DEPTH, valueLimitProblem } from '../limits/valueLimits.js';
import { ownField } from '../ownField.js';
import type { IsId } from '../schema/conforms.js';
import { type TableConfig, userColumnOf } from '../schema/table.js';
import { valueProblem } from '../schema/valueProblem.js';
import { columnEntries, type StoredRow, withOnUpdate } from './values.js';

/** What validation needs of the database: `normalizeId` (and `system`'s), to check the values of id columns. */
export type IdSource = Pick<GenericDatabaseReader<any>, 'normalizeId' | 'system'>;

/**
 * Whether a string is an id of a table of `db`. Convex answers ids of system
 * tables (`id('_storage')`, `_scheduled_functions`) only through
 * `db.system.normalizeId`; `db.normalizeId` throws for them.
 */
export function isIdOf(db: IdSource, table: string, id: string): boolean {
  return (table.startsWith('_') ? db.system.normalizeId(table as never, id) : db.normalizeId(table, id)) !== null;
}

// One check per database (one transaction), not per row validated.
const idChecks = new WeakMap<IdSource, IsId>();

/** {@link isIdOf} as the check of the `v.id(...)` validators inside a value: one per database. */
export function idCheck(db: IdSource): IsId {
  let check = idChecks.get(db);
  if (!check) {
    check = isIdOf.bind(undefined, db);
    idChecks.set(db, check);
  }
  return check;
}

/**
 * Checks every field of a stored row (or patch) against its table's columns:
 * unknown columns, null in a `notNull` column, the column's Convex type,
 * what Convex cannot check itself (integers, enum members, `YYYY-MM-DD`
 * dates, vector dimensions, ids of the right table), and what Convex would
 * refuse only at write time (value limits, field names), so a statement
 * fails before its first write rather than in the middle of its writes.
 * Throws `VALIDATION` naming the table and column, and the value unless
 * `echo` is false (the values may be another row's, which the caller may not read).
 */
export function validateFields(db: IdSource, table: TableConfig, fields: Record<string, unknown>, echo = true): void {
  const isId = idCheck(db);
  // Keys, not entries: this runs per row written, and `Object.entries` makes an array per field.
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    const column = userColumnOf(table, name);
    if (!column) {
      throw (
        systemFieldWrite(table, name) ??
        invalid(
          table,
          name,
          `Table "${table.name}" has no column "${name}"; known columns: ${Object.keys(table.columns).join(', ')}.`,
        )
      );
    }
    if (value === null) {
      if (column.definition.notNull) {
        throw invalid(table, name, `Column "${table.name}.${name}" is notNull; got null.`);
      }
      continue;
    }
    const problem = valueProblem(isId, column.definition, value) ?? valueLimitProblem(value, FIELD_DEPTH);
    if (problem) {
      // A statement takes no placeholders, at any depth of a value: say so, as a query outside prepare() does.
      const placeholder = placeholderName(value);
      if (placeholder !== undefined) throw placeholderOutsidePrepared(placeholder, table.name);
      throw invalid(
        table,
        name,
        `Invalid value for "${table.name}.${name}"${echo ? `: ${problem}` : ' (not shown under rules)'}.`,
      );
    }
  }
}

/** The error of writing (or removing) `name` when it is `_id` or `_creationTime`, which Convex sets; else `null`. */
export function systemFieldWrite(table: TableConfig, name: string): OrmError | null {
  return name === '_id' || name === '_creationTime'
    ? invalid(table, name, `"${table.name}.${name}" is a system field set by Convex; it cannot be written.`)
    : null;
}

function invalid(table: TableConfig, column: string, message: string): OrmError {
  return new OrmError('VALIDATION', message, { table: table.name, details: { column } });
}

/** {@link validateFields} plus the `notNull` columns an inserted row must have. */
export function validateRow(db: IdSource, table: TableConfig, row: Record<string, unknown>, echo = true): void {
  for (const [name, column] of columnEntries(table)) {
    if (column.definition.notNull && ownField(row, name) === undefined) {
      throw invalid(table, name, `Column "${table.name}.${name}" is required (notNull, no default); give it a value.`);
    }
  }
  validateFields(db, table, row, echo);
}

/**
 * `patch` with the `$onUpdateFn` value of each column it leaves out, those
 * values validated (`VALIDATION` naming the column): what an update of
 * `patch` writes. `patch` itself, unchecked, when no column was added.
 */
export function withCheckedOnUpdate(db: IdSource, table: TableConfig, patch: StoredRow): StoredRow {
  const refreshed = withOnUpdate(table, patch);
  if (refreshed !== patch) validateFields(db, table, refreshed);
  return refreshed;
}
