import { ownValue } from '../schema/ownValue.js';
import type { StoredRow } from './values.js';

/**
 * `fields` with each of its object and array values its own ({@link ownValue}):
 * `fields` itself when it holds none (a patch of scalars, per row of an update,
 * costs no copy).
 */
export function withOwnValues(fields: StoredRow): StoredRow {
  for (const field in fields) {
    const value = fields[field];
    if (typeof value === 'object' && value !== null) return ownFields(fields);
  }
  return fields;
}

/** A copy of `fields` whose object and array values are their own ({@link ownValue}). */
export function ownFields<T extends StoredRow>(fields: T): T {
  // Spread, then assigned: a `__proto__` field stays an own field (for validation to report).
  const copy: StoredRow = { ...fields };
  for (const field in copy) copy[field] = ownValue(copy[field]);
  return copy as T;
}
