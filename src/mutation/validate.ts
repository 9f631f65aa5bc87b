import type { GenericDatabaseReader } from 'convex/server';
import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { FIELD_DEPTH, valueLimitProblem } from '../limits/valueLimits.js';
import { ownField } from '../ownField.js';
import { isCalendarDate, isTimestampMs, TIMESTAMP_RANGE } from '../schema/codec.js';
import type { ColumnDefinition } from '../schema/column.js';
import { describe, type IsId, mismatch } from '../schema/conforms.js';
import { type TableConfig, userColumnOf } from '../schema/table.js';
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

/** {@link isIdOf} as the check of the `v.id(...)` validators inside a value. */
export function idCheck(db: IdSource): IsId {
  return (table, id) => isIdOf(db, table, id);
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
    const problem = valueProblem(db, column.definition, value) ?? valueLimitProblem(value, FIELD_DEPTH);
    if (problem) {
      throw invalid(
        table,
        name,
        `Invalid value for "${table.name}.${name}"${echo ? `: ${problem}` : ' (not shown under rules)'}.`,
      );
    }
  }
}

/**
 * Why a column of `definition` refuses a present, non-null `value`, or `null` when it accepts it:
 * its Convex type and what Convex does not check (see {@link validateFields}). Also what a
 * generated migration checks stored values against (`columnProblem`, convex-orm/migrations).
 */
export function valueProblem(db: IdSource, definition: ColumnDefinition, value: unknown): string | null {
  switch (definition.kind) {
    case 'textEnum':
      return typeof value === 'string' && definition.enumValues?.includes(value)
        ? null
        : `expected one of ${definition.enumValues?.map((item) => JSON.stringify(item)).join(', ')}, got ${describe(value)}`;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? null
        : `expected an integer, got ${describe(value)}`;
    case 'timestamp':
      // A string-mode value arrives encoded: milliseconds when it named an instant of the range.
      if (isTimestampMs(value)) return null;
      return definition.mode === 'string'
        ? `expected an ISO 8601 date-time with an offset (e.g. "2024-05-01T12:00:00.000Z") of the years 0001-9999, got ${describe(value)}`
        : `expected a timestamp in whole milliseconds ${TIMESTAMP_RANGE}, the instants string mode reads back, got ${describe(value)}`;
    case 'date':
      return isCalendarDate(value) ? null : `expected a "YYYY-MM-DD" date string, got ${describe(value)}`;
    case 'vector':
      return Array.isArray(value) && value.length === definition.dimensions
        ? mismatch(definition.validator, value)
        : `expected an array of ${definition.dimensions} numbers, got ${describe(value)}${Array.isArray(value) ? ` of length ${value.length}` : ''}`;
    case 'id':
      return typeof value === 'string' && isIdOf(db, definition.idTable!, value)
        ? null
        : `expected an id of table "${definition.idTable}", got ${describe(value)}`;
    case 'array':
      return Array.isArray(value)
        ? nestedProblems(db, definition.element, value.entries())
        : `expected an array, got ${describe(value)}`;
    case 'object':
      return (
        mismatch(definition.validator, value, idCheck(db)) ??
        nestedProblems(db, undefined, Object.entries(value as object), definition.fields)
      );
    case 'custom':
      return mismatch(definition.validator, value, idCheck(db));
    default:
      // Scalar validators (text, number, boolean, ...) hold no v.id(...): no id check to make.
      return mismatch(definition.validator, value);
  }
}

/** Element and field checks of `arrayOf` / `objectOf` columns (integer elements, nested enums, ...). */
function nestedProblems(
  db: IdSource,
  element: ColumnDefinition | undefined,
  entries: Iterable<[string | number, unknown]>,
  fields?: Readonly<Record<string, ColumnDefinition>>,
): string | null {
  for (const [key, item] of entries) {
    const definition = fields ? (hasOwn(fields, key) ? fields[key as string] : undefined) : element;
    if (!definition) continue;
    if (item === null || item === undefined) {
      if (definition.notNull) return `${label(key)}: expected a value, got ${describe(item)}`;
      continue;
    }
    const problem = valueProblem(db, definition, item);
    if (problem) return `${label(key)}: ${problem}`;
  }
  return null;
}

const label = (key: string | number) => (typeof key === 'number' ? `element ${key}` : `field "${key}"`);

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
