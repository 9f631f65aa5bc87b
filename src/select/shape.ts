import { OrmError } from '../errors.js';
import { FIELD_DEPTH, valueLimitProblem } from '../limits/valueLimits.js';
import { setOwnField } from '../ownField.js';
import { readRow } from '../query/readRow.js';
import { decodeColumnValue, hasReadCodec } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
import type { AggregateColumn } from './aggregates.js';
import type { JoinedRow } from './joinedRows.js';
import type { ParsedSelect } from './parse.js';

/**
 * One result row, as Drizzle shapes it: the selected fields by their keys;
 * without a selection the row of the one table, or with joins an object of
 * each table's row by the name it goes by, its alias or table name (`null`
 * where a left join found none).
 * Absent nullable fields read as `null`; codec columns are decoded. A `bigint()` column's exact
 * sum past int64 is `RESULT_TOO_LARGE` ({@link sumPastInt64}).
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
    if (typeof shaped === 'bigint' && valueLimitProblem(shaped, FIELD_DEPTH)) throw sumPastInt64(column, shaped);
    // select({ ['__proto__']: users.name }) keeps its key, as every other key.
    setOwnField(result, key, shaped);
  }
  return result;
}

/**
 * A selected sum of a `bigint()` column past int64, the only value of a result that can be one
 * Convex cannot return (Postgres's sum of int8 is a numeric): typed here, as returning it would
 * fail the function with Convex's untyped "does not fit into a 64-bit signed integer".
 */
function sumPastInt64(column: AnyColumn, value: bigint): OrmError {
  const { source } = column as AggregateColumn;
  return new OrmError(
    'RESULT_TOO_LARGE',
    `${column.name} is ${value}, past the int64 range (-2^63 to 2^63 - 1) of a Convex value: a function cannot return it. Sum fewer rows (a narrower where, a finer groupBy), or avg() them.`,
    { table: source!.tableName },
  );
}
