import { isCommitTsPlaceholder } from '../commitTs.js';
import { isPlainObject } from '../isPlainObject.js';
import { CONVEX_VALUE_LIMITS } from './convexLimits.js';

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
// A UTF-16 surrogate without its pair: Convex stores strings as UTF-8, which cannot hold one.
const LONE_SURROGATE = /\p{Cs}/u;
// ASCII without control characters, Convex's alphabet for field names.
const FIELD_NAME = /^[\x20-\x7e]*$/;

/** Where a document field's value sits in Convex's nesting count: the document is level 1. */
export const FIELD_DEPTH = 2;

/**
 * What Convex refuses in a value stored at `depth` (a top-level field of a
 * document is at depth 2, the document being 1), or `null`: unsupported
 * types (class instances, `Set`, `Map`, functions, `undefined` in an array),
 * int64 overflow, strings with lone surrogates, field names starting with
 * `$`, with non-ASCII or control characters or too long, arrays over 8,192
 * elements, objects over 1,024 fields, nesting deeper than 16. A field named
 * `__proto__` is refused too: JavaScript cannot hand it to Convex as a field
 * (it becomes the object's prototype), so it would be silently dropped.
 * One walk over the value; the first problem found is reported.
 */
export function valueLimitProblem(value: unknown, depth: number): string | null {
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return null;
    case 'string':
      return LONE_SURROGATE.test(value) ? 'a string with an unpaired UTF-16 surrogate is not valid Unicode' : null;
    case 'bigint':
      return value < MIN_INT64 || value > MAX_INT64 ? `bigint ${value} does not fit in a signed 64-bit integer` : null;
    case 'object':
      // `ctx.db.vars.commitTs` is a leaf, as an int64 is: judged before nesting, not as an object.
      return value === null || value instanceof ArrayBuffer || isCommitTsPlaceholder(value)
        ? null
        : containerProblem(value, depth);
    default:
      return `${typeof value} is not a Convex value`;
  }
}

function containerProblem(value: object, depth: number): string | null {
  const { depth: maxDepth, arrayLength, objectFields } = CONVEX_VALUE_LIMITS;
  if (depth > maxDepth) return `values nest deeper than Convex's ${maxDepth} levels`;
  if (Array.isArray(value)) {
    if (value.length > arrayLength)
      return `an array of ${value.length} elements is longer than Convex's ${arrayLength}`;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const problem = item === undefined ? 'undefined is not a Convex value' : valueLimitProblem(item, depth + 1);
      if (problem) return `element ${i}: ${problem}`;
    }
    return null;
  }
  if (!isPlainObject(value)) {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    // `Object.create(proto)`: its prototype's fields would be dropped.
    const what = name && name !== 'Object' ? name : 'an object made from another object';
    return `${what} is not a Convex value (only plain objects are)`;
  }
  const names = Object.keys(value);
  if (names.length > objectFields) return `an object of ${names.length} fields has more than Convex's ${objectFields}`;
  for (const name of names) {
    const field = (value as Record<string, unknown>)[name];
    if (field === undefined) continue; // Convex drops undefined fields.
    const problem = fieldNameProblem(name) ?? valueLimitProblem(field, depth + 1);
    if (problem) return `field "${name}": ${problem}`;
  }
  return null;
}

/** Why Convex refuses `name` as the name of a field (in a document or any object in it), or `null`. */
export function fieldNameProblem(name: string): string | null {
  if (name === '__proto__') return 'a field named "__proto__" cannot be stored (JavaScript would drop it)';
  if (name.startsWith('$')) return 'a field name cannot start with "$"';
  if (!FIELD_NAME.test(name)) return 'a field name can only hold ASCII characters without control characters';
  if (name.length > CONVEX_VALUE_LIMITS.fieldNameLength) {
    return `a field name is longer than Convex's ${CONVEX_VALUE_LIMITS.fieldNameLength} characters`;
  }
  return null;
}
