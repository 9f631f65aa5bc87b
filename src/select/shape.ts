import { returnableInt64Sum } from '../aggregate/int64Sum.js';
import { setOwnField } from '../ownField.js';
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
 * sum past int64 is `RESULT_TOO_LARGE` (`returnableInt64Sum`).
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
    // Of the aggregates only a bigint() column's sum can be a bigint past int64.
    const returned =
      typeof shaped === 'bigint' && column instanceof AggregateColumn
        ? returnableInt64Sum(shaped, column.name, column.source!.tableName)
        : shaped;
    // select({ ['__proto__']: users.name }) keeps its key, as every other key.
    setOwnField(result, key, returned);
  }
  return result;
}
