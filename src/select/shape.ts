import { returnableInt64Sum } from '../aggregate/int64Sum.js';
import { ownField, setOwnField } from '../ownField.js';
import { readRow } from '../query/readRow.js';
import { decodeColumnValue, hasReadCodec } from '../schema/codec.js';
import { AggregateColumn } from './aggregates.js';
import type { JoinedRow } from './joinedRows.js';
import type { ParsedSelect } from './parse.js';

/**
 * One result row, as Drizzle shapes it: the selected fields by their keys;
 * without a selection the row of the one table, or with joins an object of
 * each table's row by the name it goes by, its alias or table name (`null`
 * where a left join found none).
 * Absent nullable fields read as `null`; codec columns are decoded. A `bigint()` column's exact
 * sum may be past int64 here: only a returned row is held to it ({@link checkReturnedSums}).
 */
export function shapeRow(select: ParsedSelect, flat: Readonly<Record<string, unknown>>, row?: JoinedRow): unknown {
  if (select.fields === null) {
    const docs = row!.docs;
    if (select.joins.length === 0) return readRow(select.base, docs[select.baseName]!);
    const tables = [{ table: select.base, name: select.baseName }, ...select.joins];
    return Object.fromEntries(tables.map(({ table, name }) => [name, docs[name] ? readRow(table, docs[name]!) : null]));
  }
  const result: Record<string, unknown> = {};
  for (const { key, field, column } of select.fields) {
    const value = flat[field];
    const shaped =
      value === undefined || value === null
        ? null
        : hasReadCodec(column.definition)
          ? decodeColumnValue(column.definition, value)
          : value;
    // select({ ['__proto__']: users.name }) keeps its key, as every other key.
    setOwnField(result, key, shaped);
  }
  return result;
}

/**
 * Throws `RESULT_TOO_LARGE` when a returned row holds a `bigint()` column's sum past int64
 * (`returnableInt64Sum`). Checked on the window only: a group `offset` skips, or one DISTINCT
 * compares and drops, is never returned, and Postgres returns the window whatever it skipped.
 */
export function checkReturnedSums(select: ParsedSelect, rows: readonly unknown[]): void {
  // Aggregates make a grouping (one group without keys); of them only a bigint() column's sum can be past int64.
  if (select.grouping === null) return;
  const aggregates = select.fields?.filter(({ column }) => column instanceof AggregateColumn) ?? [];
  for (const row of rows) {
    for (const { key, column } of aggregates) {
      const value = ownField(row as Record<string, unknown>, key);
      if (typeof value === 'bigint')
        returnableInt64Sum(value, column.name, (column as AggregateColumn).source!.tableName);
    }
  }
}
