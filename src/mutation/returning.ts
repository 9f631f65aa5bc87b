import { OrmError } from '../errors.js';
import { setOwnField, storedField } from '../ownField.js';
import { readRow } from '../query/readRow.js';
import { decodeColumnValue } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
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
  return { ...state, returning: selection ?? 'all' };
}

/** Throws `INVALID_QUERY` unless every column `returning` selects belongs to the table. */
export function checkReturning(table: TableConfig, returning: Returning | undefined): void {
  if (returning === undefined || returning === 'all') return;
  if (typeof returning !== 'object' || returning === null) {
    throw new OrmError('INVALID_QUERY', `returning() of "${table.name}" takes an object of its columns.`, {
      table: table.name,
    });
  }
  for (const [key, column] of Object.entries(returning)) {
    if (column?.tableName !== table.name) {
      throw new OrmError(
        'INVALID_QUERY',
        `returning({ ${key} }) must name a column of "${table.name}"; got ${column ? `"${column.tableName}.${column.name}"` : 'no column'}.`,
        { table: table.name },
      );
    }
  }
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
