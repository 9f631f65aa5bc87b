import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { copyFields, setOwnField } from '../ownField.js';
import { storedColumnValue } from '../schema/codec.js';
import type { AnyColumn, ColumnDefinition } from '../schema/column.js';
import { kindOf } from '../schema/conforms.js';
import { ownValue } from '../schema/ownValue.js';
import { type TableConfig, userColumnOf } from '../schema/table.js';
import { generatedValueProblem, stringModeProblem } from '../schema/valueProblem.js';

/** A stored Convex document body (no system fields). */
export type StoredRow = Record<string, unknown>;

// Per table, once: every row written walks its columns (twice: defaults, then validation).
const columnLists = new WeakMap<TableConfig, readonly (readonly [string, AnyColumn])[]>();

/** The user columns of a table as `[name, column]` pairs, in definition order. */
export function columnEntries(table: TableConfig): readonly (readonly [string, AnyColumn])[] {
  let entries = columnLists.get(table);
  if (!entries) {
    entries = Object.entries(table.columns);
    columnLists.set(table, entries);
  }
  return entries;
}

/**
 * The columns {@link insertDocument} generated a value for (a default or `$onUpdateFn`), by the
 * row it made: what a before-hook's returned row may take from the row it was shown.
 */
const generatedColumns = new WeakMap<StoredRow, readonly string[]>();

/**
 * Turns one `values()` row into the document to store: given values encoded
 * (`undefined` keys count as not given, as in Drizzle), then for each missing
 * column its default (`default`, `$defaultFn`, `defaultNow`), else its
 * `$onUpdateFn`, else an explicit `null` when nullable. A missing `notNull`
 * column stays missing for validation to report. Every object or array
 * value is the row's own ({@link storedValue}). `shown`: the row planned
 * before (a before-hook was shown it, and returned `input` instead), whose
 * generated values `input` leaves out are taken, not made again: a default is
 * made once per row. A value the caller gave is not taken: left out, its
 * column gets its default as in any insert.
 */
export function insertDocument(table: TableConfig, input: Record<string, unknown>, shown?: StoredRow): StoredRow {
  const row = encodeGiven(table, input);
  const made = shown && generatedColumns.get(shown);
  let generated: string[] | undefined;
  for (const [name, column] of columnEntries(table)) {
    // Own keys: a column named `constructor` or `toString` is not on every object's prototype.
    if (hasOwn(row, name)) continue;
    const { definition } = column;
    if (!definition.default && !definition.onUpdate) {
      if (!definition.notNull) row[name] = null;
      continue;
    }
    if (made?.includes(name)) row[name] = shown![name];
    else if (definition.default) row[name] = defaultValue(table, column);
    else row[name] = generatedValue(table, column, '$onUpdateFn', definition.onUpdate!);
    generated ??= [];
    generated.push(name);
  }
  if (generated) generatedColumns.set(row, generated);
  return row;
}

/**
 * Turns `set()` into the patch to apply: `undefined` keys are ignored
 * (Drizzle), and every `$onUpdateFn` column the patch does not set is added.
 */
export function updatePatch(table: TableConfig, set: Record<string, unknown>, upsert = false): StoredRow {
  return withOnUpdate(table, setValues(table, set, upsert));
}

/**
 * The given `set()` values (an `update`'s, or `onConflictDoUpdate`'s `set` when `upsert`), encoded;
 * `undefined` keys are ignored and at least one must remain.
 */
export function setValues(table: TableConfig, set: Record<string, unknown>, upsert = false): StoredRow {
  const values = encodeGiven(table, set);
  if (Object.keys(values).length === 0) {
    throw new OrmError(
      'INVALID_QUERY',
      upsert
        ? `No values to set in onConflictDoUpdate on "${table.name}"; its set needs at least one column (undefined values are ignored), or use onConflictDoNothing to leave a conflicting row as it is.`
        : `No values to set in update of "${table.name}"; set() needs at least one column (undefined values are ignored).`,
      { table: table.name },
    );
  }
  return values;
}

/**
 * Adds the `$onUpdateFn` value of every column `patch` leaves out. Called when
 * the statement runs, so each execution writes fresh values. Returns `patch`
 * itself (no copy) when there is nothing to add.
 */
export function withOnUpdate(table: TableConfig, patch: StoredRow): StoredRow {
  let result = patch;
  for (const [name, column] of columnEntries(table)) {
    const { onUpdate } = column.definition;
    if (!onUpdate || hasOwn(patch, name)) continue;
    if (result === patch) result = copyFields(patch);
    result[name] = generatedValue(table, column, '$onUpdateFn', onUpdate);
  }
  return result;
}

/** The value `set default` writes into `column` of `table`: its default (a value of its own per call), else `null`. */
export function defaultValue(table: TableConfig, column: AnyColumn): unknown {
  const { definition } = column;
  const fallback = definition.default;
  if (!fallback) return null;
  switch (fallback.kind) {
    case 'value':
      // Checked when the table was defined (`convexTable`).
      return storedValue(definition, fallback.value);
    case 'fn':
      return generatedValue(table, column, '$defaultFn', fallback.fn);
    case 'now':
      return definition.kind === 'date' ? new Date().toISOString().slice(0, 10) : Date.now();
  }
}

/**
 * The result of a column's `$defaultFn` or `$onUpdateFn`, as stored; `VALIDATION` naming the
 * function when the column cannot hold it, as the caller wrote no such value.
 */
function generatedValue(
  table: TableConfig,
  column: AnyColumn,
  source: '$defaultFn' | '$onUpdateFn',
  fn: () => unknown,
): unknown {
  const given = fn();
  const value = storedValue(column.definition, given);
  const problem = generatedValueProblem(column.definition, given, value);
  if (problem === null) return value;
  throw new OrmError(
    'VALIDATION',
    `Invalid value for "${table.name}.${column.name}" from the column's ${source}(): ${problem}; make the function return a value of the column's type.`,
    { table: table.name, details: { column: column.name } },
  );
}

/**
 * The given values encoded for storage, each object or array a copy ({@link storedValue}):
 * `undefined` keys count as not given.
 */
export function encodeGiven(table: TableConfig, input: Record<string, unknown>): StoredRow {
  // A Map or a class instance has no values as keys: taken as an object without keys, its values would be lost.
  if (!isPlainObject(input)) {
    throw new OrmError('VALIDATION', `A row of "${table.name}" must be an object literal; got ${kindOf(input)}.`, {
      table: table.name,
    });
  }
  const row: StoredRow = {};
  // Keys, not entries: this runs per row written, and `Object.entries` makes an array per field.
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (value === undefined) continue;
    const column = userColumnOf(table, name);
    const mode = column && stringModeProblem(column.definition, value);
    if (mode) {
      throw new OrmError('VALIDATION', `Column "${table.name}.${name}": ${mode}.`, {
        table: table.name,
        details: { column: name },
      });
    }
    const encoded = column ? storedValue(column.definition, value) : value;
    // A "__proto__" key (from JSON.parse) stays a field for validation to report.
    setOwnField(row, name, encoded);
  }
  return row;
}

/**
 * A column's value as a row stores it: encoded ({@link storedColumnValue}), and of the row's own
 * ({@link ownValue}): a declared default, a function's result or a caller's input is copied when
 * it is an object or array, so no two rows, hooks or callers share one, and editing a returned row
 * leaves the default and the caller's input as they were.
 */
function storedValue(definition: ColumnDefinition, value: unknown): unknown {
  return ownValue(storedColumnValue(definition, value));
}
