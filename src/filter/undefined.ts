import { OrmError } from '../errors.js';
import { rejectPlaceholder } from './placeholder.js';

/** Drizzle v1 rc.5's message for `undefined` anywhere in a filter. */
export const UNDEFINED_IN_FILTER =
  "Unexpected 'undefined' in filter value. Use 'EmptyFilter' if you want the filter field to be skipped.";

/**
 * Throws `INVALID_FILTER` when a filter value is `undefined` (it must never
 * widen a query), and `INVALID_QUERY` for a placeholder of a query that was
 * not prepared (every filter value passes here, so it is checked here too).
 */
export function rejectUndefined(value: unknown, table?: string): void {
  if (value === undefined) {
    throw new OrmError('INVALID_FILTER', UNDEFINED_IN_FILTER, table === undefined ? {} : { table });
  }
  rejectPlaceholder(value, table);
}

/**
 * `INVALID_FILTER` for a whole filter that is `undefined`, as an `and()` or
 * `or()` of no conditions is: `what` names where it was given, `instead` says
 * how to mean every row (or group).
 */
export function undefinedFilter(table: string, what: string, every: 'row' | 'group', instead: string): OrmError {
  return new OrmError(
    'INVALID_FILTER',
    `${what} is undefined (an and()/or() with no conditions?); it never widens to every ${every}. ${instead}.`,
    { table },
  );
}
