import type { Value } from 'convex/values';
import { isCountQuery, MISPLACED_COUNT } from '../countQueryBrand.js';
import { OrmError } from '../errors.js';
import { valueLimitProblem } from '../limits/valueLimits.js';
import { encodeColumnValue, hasOneZero, integerZeros, isCalendarDate, isStringModeMismatch } from '../schema/codec.js';
import { type AnyColumn, type ColumnDefinition, columnLabel } from '../schema/column.js';
import { describe, mayHold, mismatch } from '../schema/conforms.js';
import { ownValue } from '../schema/ownValue.js';
import { storedValidator } from '../schema/validators.js';
import { timestampDateHint } from '../schema/valueProblem.js';
import { endsInEscape } from './like.js';

/**
 * A filter operand as stored (encoded), checked against the column's type as
 * the filter types check it: `{ age: { gt: {} } }` or `eq(users.name, 5)`
 * is `INVALID_FILTER` rather than a comparison that silently matches
 * nothing. `null` passes for a nullable column (it makes the comparison
 * UNKNOWN); `values` (for `in` and the array operators) checks a list.
 */
export function filterOperand(column: AnyColumn, op: string, value: unknown): Value {
  if (isCountQuery(value)) {
    throw new OrmError('INVALID_FILTER', `"${op}" on "${columnLabel(column)}" got ${MISPLACED_COUNT}.`, {
      table: column.tableName,
      details: { field: column.name, operator: op },
    });
  }
  // As Convex would store it (`ownValue` drops a nested object's undefined keys): compared as
  // given, `{ a: 1, b: undefined }` would never equal the stored `{ a: 1 }`.
  const encoded = ownValue(encodeColumnValue(column.definition, value)) as Value;
  const problem =
    value instanceof Date && column.definition.kind === 'timestamp'
      ? `a Date is no Convex value${timestampDateHint(column.definition)}`
      : isStringModeMismatch(column.definition, value) ||
          (column.definition.mode === 'string' && typeof encoded === 'string')
        ? 'expected an ISO 8601 date-time with an offset of the years 0001-9999, e.g. "2024-05-01T12:00:00.000Z"'
        : (dateProblem(column.definition, value) ??
          mismatch(storedValidator(column.definition), encoded) ??
          operandLimitProblem(encoded));
  if (problem !== null) {
    throw new OrmError(
      'INVALID_FILTER',
      `"${op}" on "${columnLabel(column)}" got ${describe(value)}, which the column cannot hold (${problem}); compare with a value of the column's type.`,
      { table: column.tableName, details: { field: column.name, operator: op } },
    );
  }
  // A nested integer -0 is the 0 the ORM writes (a top-level one compares as both: `comparisonNode`).
  return hasOneZero(column.definition) ? encoded : (integerZeros(column.definition, encoded) as Value);
}

/**
 * Where `value` holds a `date()` value that is not a `YYYY-MM-DD` day that exists, at any depth of
 * `arrayOf` / `objectOf` (compared as text, it would silently match the wrong rows or none), or null.
 */
function dateProblem(definition: ColumnDefinition, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (definition.kind === 'date') return isCalendarDate(value) ? null : 'expected a "YYYY-MM-DD" date that exists';
  if (definition.element && Array.isArray(value)) {
    for (const item of value) {
      const problem = dateProblem(definition.element, item);
      if (problem) return problem;
    }
  }
  if (definition.fields && typeof value === 'object') {
    for (const [field, inner] of Object.entries(definition.fields)) {
      const problem = dateProblem(inner, (value as Record<string, unknown>)[field]);
      if (problem) return `field "${field}": ${problem}`;
    }
  }
  return null;
}

/**
 * What no Convex value can be in an operand (a bigint beyond int64, a lone surrogate), which an
 * index range could not hold. A list (`arrayContained`'s) is checked by element: it is never
 * stored, so a stored array's 8,192-element limit is not its.
 */
function operandLimitProblem(operand: Value): string | null {
  if (!Array.isArray(operand)) return valueLimitProblem(operand, 2);
  for (const element of operand) {
    const problem = valueLimitProblem(element, 3);
    if (problem) return problem;
  }
  return null;
}

/**
 * A `like` / `ilike` pattern (and their negations) on a column that stores
 * strings ({@link likeOperand}), which does not end in the escape character:
 * Postgres raises "LIKE pattern must not end with escape character" for it.
 */
export function likePattern(column: AnyColumn, op: string, pattern: unknown): string {
  const text = likeOperand(column, op, pattern);
  if (endsInEscape(text)) {
    throw invalidLike(
      column,
      op,
      `"${op}" on "${columnLabel(column)}": the pattern ${JSON.stringify(text)} ends in the escape character \\, as Postgres refuses ("LIKE pattern must not end with escape character"); escape it (\\\\) to match a backslash.`,
    );
  }
  return text;
}

/**
 * A string operand of `like` / `ilike` / `startsWith` / `endsWith` on a column
 * that stores strings: on any other column every row would be UNKNOWN, a filter
 * that silently matches nothing. A `timestamp({ mode: 'string' })` reads as an
 * ISO string but is stored (and compared) as milliseconds, so it is refused
 * too, pointing to a range. Valid Unicode, as every operand ({@link operandLimitProblem}).
 */
export function likeOperand(column: AnyColumn, op: string, pattern: unknown): string {
  const where = `"${op}" on "${columnLabel(column)}"`;
  if (typeof pattern !== 'string') {
    throw invalidLike(column, op, `${where} takes a string pattern, got ${describe(pattern)}.`);
  }
  if (column.definition.mode === 'string') {
    throw invalidLike(
      column,
      op,
      `${where}: a timestamp({ mode: 'string' }) is stored as milliseconds, so a pattern never matches it; filter a range of ISO strings instead ({ gte, lt }).`,
    );
  }
  if (!mayHold(column.definition.validator, 'string')) {
    throw invalidLike(
      column,
      op,
      `${where}: the column is ${column.definition.kind} and stores no strings, so a pattern never matches it; compare with eq, gt, lt or inArray instead.`,
    );
  }
  // The pattern's literal part becomes an index range (an equality, a prefix), which Convex could not hold.
  const problem = operandLimitProblem(pattern);
  if (problem) {
    throw invalidLike(
      column,
      op,
      `${where} got ${describe(pattern)}, which no column can hold (${problem}); pass whole characters (a string cut by UTF-16 units, as \`slice\` cuts an emoji, is not).`,
    );
  }
  return pattern;
}

function invalidLike(column: AnyColumn, op: string, message: string): OrmError {
  return new OrmError('INVALID_FILTER', message, {
    table: column.tableName,
    details: { field: column.name, operator: op },
  });
}
