import type { Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { encodeColumnValue } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
import { describe, mismatch } from '../schema/conforms.js';
import { storedValidator } from '../schema/validators.js';

/**
 * A filter operand as stored (encoded), checked against the column's type as
 * the filter types check it: `{ age: { gt: {} } }` or `eq(users.name, 5)`
 * is `INVALID_FILTER` rather than a comparison that silently matches
 * nothing. `null` passes for a nullable column (it makes the comparison
 * UNKNOWN); `values` (for `in` and the array operators) checks a list.
 */
export function filterOperand(column: AnyColumn, op: string, value: unknown): Value {
  const encoded = encodeColumnValue(column.definition, value);
  const problem = mismatch(storedValidator(column.definition), encoded);
  if (problem !== null) {
    throw new OrmError(
      'INVALID_FILTER',
      `"${op}" on "${column.tableName}.${column.name}" got ${describe(value)}, which the column cannot hold (${problem}); compare with a value of the column's type.`,
      { table: column.tableName, details: { field: column.name, operator: op } },
    );
  }
  return encoded;
}
