import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { FIELD_DEPTH } from '../limits/valueLimits.js';

/**
 * `value` as a value of its own, for one row to store: its arrays, plain
 * objects and `ArrayBuffer`s (bytes) are copied, all the way down; anything
 * else is returned as it is (scalars, and what validation refuses, such as a
 * class instance). A copied object has no `undefined` field: Convex stores
 * it without that field, so the row `returning()` gives equals the stored one,
 * and a filter operand compares as the stored value. Postgres gives every row
 * its own values, and Drizzle's `returning()` parses them from the database: a
 * default, a constant `set()`
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
