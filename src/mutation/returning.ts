import { OrmError } from '../errors.js';
import { readRow } from '../query/readRow.js';
import { decodeColumnValue } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';

/** What `.returning()` asked for: whole rows, or named columns. */
export type Returning = 'all' | Readonly<Record<string, AnyColumn>>;

/**
 * The state of a statement with `.returning(selection)` applied: whole rows
 * without a selection. Throws unless every selected column belongs to the table.
 */
export function withReturning<S extends { readonly table: TableConfig }>(
  state: S,
  selection: Readonly<Record<string, AnyColumn>> | undefined,
): S & { readonly returning: Returning } {
  const returning = selection ?? 'all';
  checkReturning(state.table, returning);
  return { ...state, returning };
}

function checkReturning(table: TableConfig, returning: Returning): void {
  if (returning === 'all') return;
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
 * read it (`readRow`), or the selected columns under their keys.
 */
export function shapeReturning(table: TableConfig, doc: Doc, returning: Returning): Record<string, unknown> {
  if (returning === 'all') return readRow(table, doc);
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(returning)) {
    row[key] = decodeColumnValue(column.definition, doc[column.name] ?? null);
  }
  return row;
}
