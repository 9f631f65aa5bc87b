import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { FIELD_DEPTH } from '../limits/valueLimits.js';
import type { StoredRow } from './values.js';

/**
 * `value` as a value of its own, for one row to store: its arrays, plain
 * objects and `ArrayBuffer`s (bytes) are copied, all the way down; anything
 * else is returned as it is (scalars, and what validation refuses, such as a
 * class instance). A copied object has no `undefined` field: Convex stores it
 * without that field, and the row `returning()` gives equals the stored one. Postgres gives every row its own values, and Drizzle's
 * `returning()` parses them from the database: a default, a constant `set()`
 * value or a caller's input shared by several rows would let a hook or a
 * caller editing one row in place edit the others, and the column's default
 * (module state, which Convex keeps between calls) for later mutations.
 * Nesting past Convex's 16 levels is left shared: validation refuses it, and
 * a value that contains itself is not walked forever.
 */
export function ownValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? copied(value, FIELD_DEPTH, new Map()) : value;
}

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

/**
 * The copy of `value` at `depth`. `copies` holds what this value's walk copied
 * already: a part reached again (a shared part, or a value that contains
 * itself) is that same copy, so the walk is linear in the value's objects,
 * and a cycle stays a cycle for validation to refuse.
 */
function copied(value: object, depth: number, copies: Map<object, unknown>): unknown {
  if (depth > CONVEX_VALUE_LIMITS.depth) return value;
  const made = copies.get(value);
  if (made !== undefined) return made;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    copies.set(value, copy);
    for (let i = 0; i < value.length; i++) copy[i] = nested(value[i], depth, copies);
    return copy;
  }
  if (value instanceof ArrayBuffer) return value.slice(0);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = { ...value };
  copies.set(value, copy);
  for (const field in copy) {
    // Convex drops an undefined field of a nested object; so does the copy, which `returning()` hands back.
    if (copy[field] === undefined) delete copy[field];
    else copy[field] = nested(copy[field], depth, copies);
  }
  return copy;
}

function nested(value: unknown, depth: number, copies: Map<object, unknown>): unknown {
  return typeof value === 'object' && value !== null ? copied(value, depth + 1, copies) : value;
}
