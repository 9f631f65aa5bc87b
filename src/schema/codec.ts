import type { Value } from 'convex/values';
import { hasOwn } from '../hasOwn.js';
import type { ColumnDefinition } from './column.js';

/**
 * An ISO 8601 date-time with an explicit offset (`Z` or `±hh:mm`): a string
 * without one would mean the runtime's local time, which differs between
 * Convex (UTC) and a developer's machine.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

// The instants a string-mode timestamp holds: 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z,
// whose UTC form (what it reads back as) has a four-digit year, so every value read is one it takes.
const FIRST_INSTANT = -62_135_596_800_000;
const LAST_INSTANT = 253_402_300_799_999;

/** The instants a timestamp holds, in either mode, as a `VALIDATION` message states them. */
export const TIMESTAMP_RANGE = `from ${FIRST_INSTANT} (0001-01-01T00:00:00.000Z) to ${LAST_INSTANT} (9999-12-31T23:59:59.999Z)`;

/**
 * True for stored milliseconds a timestamp holds: a whole millisecond of the
 * years 0001-9999 (UTC). The number mode takes the string mode's instants
 * (an ISO string names whole milliseconds), so a column switched between them
 * (no migration) reads every row as the other mode types it, each row a value
 * of its own that finds it.
 */
export function isTimestampMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= FIRST_INSTANT && value <= LAST_INSTANT;
}

/**
 * Converts an application value of a column to its stored Convex value, as
 * a filter compares with it. Only `timestamp({ mode: 'string' })` differs: an
 * ISO 8601 string is stored as milliseconds, like every timestamp, so indexes
 * and comparisons are numeric. A string that is not one, or names an instant
 * outside the years 0001-9999 (UTC), is left as it is, for validation to reject.
 */
export function encodeColumnValue(definition: ColumnDefinition, value: unknown): Value {
  // `Date.parse` rolls a day past the month's end over ("2024-02-30" is March 1): the date must exist.
  if (definition.mode === 'string' && typeof value === 'string') {
    const match = ISO_DATE_TIME.exec(value);
    const ms = match && isCalendarDate(value.slice(0, 10)) ? Date.parse(value) : Number.NaN;
    // `Date.parse` keeps three fraction digits: the rest is a part of a millisecond (`.0005` is 0.5 ms),
    // a value a filter compares with as the instant it names, and a write refuses (not whole).
    if (isTimestampMs(ms)) return withSubMillisecond(ms, match![2]);
  }
  return value as Value;
}

/**
 * `ms` and the part of a millisecond that fraction digits past the third name (`.0005`: 0.5):
 * never a whole number when they name one, even where a double near `ms` cannot hold it (a
 * nanosecond): then the next double after `ms`, which orders as they do against whole ones.
 */
function withSubMillisecond(ms: number, fraction: string | undefined): number {
  const part = fraction === undefined || fraction.length <= 4 ? 0 : Number(`0.${fraction.slice(4)}`);
  if (part === 0) return ms;
  const sum = ms + part;
  return Number.isInteger(sum) ? ms + Math.max(Math.abs(ms), 1) * Number.EPSILON : sum;
}

/**
 * True when `value` is not a `timestamp({ mode: 'string' })` value though it could pass for one
 * once stored: a number (its types refuse it) would be stored as milliseconds as it is.
 */
export function isStringModeMismatch(definition: ColumnDefinition, value: unknown): boolean {
  return definition.mode === 'string' && typeof value !== 'string' && value !== null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a `YYYY-MM-DD` string naming a day that exists, years 0001 to
 * 9999 (as Postgres's `date` takes them in this form).
 */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match || match[1] === '0000') return false;
  // `setUTCFullYear`, not `Date.UTC`, which reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * {@link encodeColumnValue} for a value the ORM writes. An integer has one
 * zero, so `integer()` (and `timestamp()`, whole milliseconds) writes -0
 * (which Convex stores, indexes and groups apart from 0) as 0, also inside `arrayOf` / `objectOf`, where
 * `arrayContains: [0]` would miss a stored -0. A filter on -0 finds both
 * stored forms (`comparisonNode`), so rows stored as -0 before (raw writes,
 * older versions) are still found.
 */
export function storedColumnValue(definition: ColumnDefinition, value: unknown): Value {
  if (value === 0 && hasOneZero(definition)) return 0;
  if (nestsIntegers(definition)) return integerZeros(definition, value) as Value;
  return encodeColumnValue(definition, value);
}

/**
 * True for a column with one zero: `integer()`, and `timestamp()` (whole
 * milliseconds). The ORM writes -0 as 0 in them and a filter on -0 finds
 * both stored forms; other number columns keep -0, which Convex tells apart.
 */
export function hasOneZero(definition: ColumnDefinition): boolean {
  return definition.kind === 'integer' || definition.kind === 'timestamp';
}

// Per nested definition, once: most arrays and objects hold no integer or timestamp and are not walked.
const holdsIntegers = new WeakMap<ColumnDefinition, boolean>();

function nestsIntegers(definition: ColumnDefinition): boolean {
  const { element, fields } = definition;
  if (!element && !fields) return false;
  let answer = holdsIntegers.get(definition);
  if (answer === undefined) {
    const nested = element ? [element] : Object.values(fields!);
    answer = nested.some((inner) => hasOneZero(inner) || nestsIntegers(inner));
    holdsIntegers.set(definition, answer);
  }
  return answer;
}

/**
 * `value` with every -0 of an `integer()` in it as 0; the given value is
 * copied, never changed. Also what a migration's patch is compared and
 * written as, in either write mode.
 */
export function integerZeros(definition: ColumnDefinition, value: unknown): unknown {
  if (hasOneZero(definition)) return value === 0 ? 0 : value;
  if (!nestsIntegers(definition) || value === null || typeof value !== 'object') return value;
  const { element, fields } = definition;
  if (element) return Array.isArray(value) ? value.map((item) => integerZeros(element, item)) : value;
  // Only a plain object is copied: a Date or class instance stays itself for validation to refuse.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = { ...value };
  for (const name of Object.keys(fields!)) {
    if (hasOwn(copy, name)) copy[name] = integerZeros(fields![name]!, copy[name]);
  }
  return copy;
}

/** The range of a JavaScript `Date`, in milliseconds either side of the epoch. */
const MAX_DATE_MS = 8.64e15;

/**
 * Converts a stored value back to what the application reads (`toISOString()`
 * for string mode; a number outside a `Date`'s range, which only a raw
 * `ctx.db` write can store, reads as it is).
 */
export function decodeColumnValue(definition: ColumnDefinition, value: unknown): unknown {
  if (definition.mode === 'string' && typeof value === 'number' && Math.abs(value) <= MAX_DATE_MS) {
    return new Date(value).toISOString();
  }
  return value;
}

/** True when reading the column changes the stored value (the row must be copied). */
export function hasReadCodec(definition: ColumnDefinition): boolean {
  return definition.mode === 'string';
}
