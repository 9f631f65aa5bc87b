import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { setOwnField, storedField } from '../ownField.js';
import { readRow } from '../query/readRow.js';
import { decodeColumnValue } from '../schema/codec.js';
import { type AnyColumn, Column } from '../schema/column.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';

/** What `.returning()` asked for: whole rows, or named columns. */
export type Returning = 'all' | Readonly<Record<string, AnyColumn>>;

/**
 * The state of a statement with `.returning(selection)` applied: whole rows
 * without a selection. The selection is checked when the statement runs
 * ({@link checkReturning}).
 */
export function withReturning<S extends object>(
  state: S,
  selection: Readonly<Record<string, AnyColumn>> | undefined,
): S & { readonly returning: Returning } {
  // Only a call without a selection returns whole rows: a `null` one is checked, and refused.
  return { ...state, returning: selection === undefined ? 'all' : selection };
}

/** Throws `INVALID_QUERY` unless every column `returning` selects belongs to the table. */
export function checkReturning(table: TableConfig, returning: Returning | undefined): void {
  if (returning === undefined || returning === 'all') return;
  if (!isPlainObject(returning)) {
    throw new OrmError(
      'INVALID_QUERY',
      `returning() of "${table.name}" takes an object of its columns (returning({ id: ${table.name}._id })), or nothing for whole rows.`,
      { table: table.name },
    );
  }
  const entries = Object.entries(returning) as [string, unknown][];
  if (entries.length === 0) {
    // Postgres refuses an empty RETURNING list before anything is written.
    throw new OrmError(
      'INVALID_QUERY',
      `returning({}) of "${table.name}" returns nothing; name at least one column, or call returning() for whole rows.`,
      { table: table.name },
    );
  }
  for (const [key, column] of entries) {
    if (!(column instanceof Column) || column.tableName !== table.name) {
      throw new OrmError(
        'INVALID_QUERY',
        `returning({ ${key} }) must name a column of "${table.name}" (as ${table.name}.<column>); got ${given(column)}.`,
        { table: table.name },
      );
    }
  }
}

/** What a `returning()` entry that is no column of the table is, for its message: never its value. */
function given(value: unknown): string {
  if (value instanceof Column) return `"${value.tableName}.${value.name}", a column of another table`;
  if (value === undefined || value === null) return 'no column';
  const type = typeof value;
  return `${type === 'object' ? 'an' : 'a'} ${type}, not a column`;
}

/** True when shaping needs the stored document (its `_creationTime`), not just the written fields. */
export function needsStoredDocument(returning: Returning): boolean {
  return returning === 'all' || Object.values(returning).some((column) => column.name === '_creationTime');
}

/**
 * Shapes a written row for `returning`: the whole row exactly as queries
 * read it (`readRow`), or the selected columns under their keys (own
 * fields, a `__proto__` key included, as a select's row: `setOwnField`).
 */
export function shapeReturning(table: TableConfig, doc: Doc, returning: Returning): Record<string, unknown> {
  if (returning === 'all') return readRow(table, doc);
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(returning)) {
    setOwnField(row, key, decodeColumnValue(column.definition, storedField(doc, column.name) ?? null));
  }
  return row;
}
