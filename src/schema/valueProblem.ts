import { hasOwn } from '../hasOwn.js';
import { FIELD_DEPTH, valueLimitProblem } from '../limits/valueLimits.js';
import { isCalendarDate, isStringModeMismatch, isTimestampMs, TIMESTAMP_RANGE } from './codec.js';
import type { ColumnDefinition } from './column.js';
import { anyString, describe, type IsId, kindOf, mismatch } from './conforms.js';

/**
 * What to pass instead of a Date to a timestamp column (Drizzle's `timestamp()` takes one; a Date
 * is no Convex value): its milliseconds, or for a string-mode column its ISO string.
 */
export function timestampDateHint(definition: ColumnDefinition): string {
  return definition.mode === 'string'
    ? ': pass date.toISOString()'
    : ": pass date.getTime(), or declare timestamp({ mode: 'string' }) to read and write ISO strings";
}

/**
 * Why a column of `definition` refuses a present, non-null stored `value`, or `null` when it
 * accepts it: its Convex type and what Convex does not check (integers, enum members, `YYYY-MM-DD`
 * dates, vector dimensions, ids of the right table, the same inside `arrayOf` / `objectOf`).
 * What a write checks its values against (`validateFields`), a table its constant defaults
 * (`convexTable`, ids unchecked there) and a generated migration stored values (`columnProblem`).
 * `isId` checks the table of ids.
 */
export function valueProblem(isId: IsId, definition: ColumnDefinition, value: unknown): string | null {
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
      if (definition.mode === 'string' && typeof value === 'number' && isTimestampMs(Math.floor(value))) {
        // Encoded from a string naming a part of a millisecond (`.0009`): Convex keeps whole ones.
        return `expected whole milliseconds (no fraction digit past the third but 0), got an instant between ${new Date(Math.floor(value)).toISOString()} and the next millisecond: round it to the millisecond`;
      }
      return definition.mode === 'string'
        ? `expected an ISO 8601 date-time with an offset (e.g. "2024-05-01T12:00:00.000Z") of the years 0001-9999, got ${describe(value)}`
        : `expected a timestamp in whole milliseconds ${TIMESTAMP_RANGE} (the instants a string-mode timestamp reads back), got ${describe(value)}${value instanceof Date ? timestampDateHint(definition) : ''}`;
    case 'date':
      return isCalendarDate(value) ? null : `expected a "YYYY-MM-DD" date string, got ${describe(value)}`;
    case 'vector':
      return Array.isArray(value) && value.length === definition.dimensions
        ? mismatch(definition.validator, value)
        : `expected an array of ${definition.dimensions} numbers, got ${describe(value)}${Array.isArray(value) ? ` of length ${value.length}` : ''}`;
    case 'id':
      return typeof value === 'string' && isId(definition.idTable!, value)
        ? null
        : `expected an id of table "${definition.idTable}", got ${describe(value)}`;
    case 'array':
      return Array.isArray(value)
        ? nestedProblems(isId, definition.element, value.entries())
        : `expected an array, got ${describe(value)}`;
    case 'object':
      return (
        mismatch(definition.validator, value, isId) ??
        nestedProblems(isId, undefined, Object.entries(value as object), definition.fields)
      );
    case 'custom':
      return mismatch(definition.validator, value, isId);
    default:
      // Scalar validators (text, number, boolean, ...) hold no v.id(...): no id check to make.
      return mismatch(definition.validator, value);
  }
}

/** Element and field checks of `arrayOf` / `objectOf` columns (integer elements, nested enums, ...). */
function nestedProblems(
  isId: IsId,
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
    const problem = valueProblem(isId, definition, item);
    if (problem) return `${label(key)}: ${problem}`;
  }
  return null;
}

const label = (key: string | number) => (typeof key === 'number' ? `element ${key}` : `field "${key}"`);

/**
 * Why a `timestamp({ mode: 'string' })` column refuses `value` as given, before it is encoded (a
 * number would pass for milliseconds once stored), or null. Its kind only, not the value: a
 * hook's value may come from a row the caller's rules hide.
 */
export function stringModeProblem(definition: ColumnDefinition, value: unknown): string | null {
  return isStringModeMismatch(definition, value)
    ? `expected an ISO 8601 date-time with an offset (e.g. "2024-05-01T12:00:00.000Z"), got ${kindOf(value)}`
    : null;
}

/**
 * Why a column refuses a value the ORM writes into it on its own (`given`, and `stored`, as
 * stored): a constant default (checked by `convexTable`), a `$defaultFn` or `$onUpdateFn` result
 * (checked where it is applied, so the error can name the function). What a write checks, but
 * ids of any table pass: only a function's database tells them apart, and the write's own
 * validation does. A number for `timestamp({ mode: 'string' })` is refused as a written one is,
 * though stored it would pass for milliseconds.
 */
export function generatedValueProblem(definition: ColumnDefinition, given: unknown, stored: unknown): string | null {
  const mode = stringModeProblem(definition, given);
  if (mode) return mode;
  if (stored === null) return definition.notNull ? 'got null, and the column is notNull' : null;
  return valueProblem(anyString, definition, stored) ?? valueLimitProblem(stored, FIELD_DEPTH);
}
