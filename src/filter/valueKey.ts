import type { Value } from 'convex/values';
import { isCommitTsPlaceholder } from '../commitTs.js';

/**
 * A string that names a Convex value up to Convex's value order: two values
 * have the same key exactly when `compareValues` says they are equal. So
 * `1` and `1n` differ, `0` and `-0` differ, NaNs are equal only with the same
 * bits, bytes compare by content and objects by their sorted entries. It
 * lets membership tests (`in` lists) use a `Set` instead of comparing with
 * every candidate.
 */
export function valueKey(value: Value | undefined): string {
  switch (typeof value) {
    case 'undefined':
      return 'u';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return `n${numberKey(value)}`;
    case 'bigint':
      return `i${value}`;
    case 'boolean':
      return value ? 't' : 'f';
  }
  if (value === null) return 'z';
  // `ctx.db.vars.commitTs` compares as the largest int64, 2^63 - 1 (convex/values' compareValues).
  if (isCommitTsPlaceholder(value)) return 'i9223372036854775807';
  if (value instanceof ArrayBuffer) return `x${Array.from(new Uint8Array(value), byteHex).join('')}`;
  if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
  const object = value as { readonly [key: string]: Value | undefined };
  const entries = Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${valueKey(object[key])}`);
  return `{${entries.join(',')}}`;
}

// Object.is distinguishes -0; a NaN is named by its bits, as compareValues compares NaNs.
function numberKey(value: number): string {
  if (Object.is(value, -0)) return '-0';
  if (!Number.isNaN(value)) return String(value);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return `NaN${view.getBigUint64(0).toString(16)}`;
}

function byteHex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
