import { isCommitTsPlaceholder } from '../commitTs.js';
import { storedField } from '../ownField.js';

// Convex's own sizing (`getConvexSize` / `getDocumentSize` in `convex/values`
// since convex 1.4x; the peer range starts earlier, so the ORM keeps its own):
// a type byte per value, 8 bytes for numbers and int64s, UTF-8 bytes plus a
// terminator for strings and bytes, and a terminated field name per object field.

/** Bytes of `_id` (name and value) when a document does not have one yet: Convex's estimate. */
const ID_FIELD_ESTIMATE = 38;
/** Bytes of `_creationTime` (name and float64 value). */
const CREATION_TIME_FIELD = 23;

/** The size Convex gives a value, in bytes. */
export function convexSize(value: unknown): number {
  switch (typeof value) {
    case 'undefined':
      return 0;
    case 'boolean':
      return 1;
    case 'number':
    case 'bigint':
      return 9;
    case 'string':
      return 2 + utf8Length(value);
    default:
      break;
  }
  if (value === null) return 1;
  if (value instanceof ArrayBuffer) return 2 + value.byteLength;
  // `ctx.db.vars.commitTs`: the int64 it becomes at commit.
  if (isCommitTsPlaceholder(value)) return 9;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) size += convexSize(item);
    return size;
  }
  // `for...in` over a plain object (Convex values have no inherited keys): no entries array per document.
  const object = value as Record<string, unknown>;
  for (const key in object) size += fieldSize(key, object[key]);
  return size;
}

/** The size Convex gives a document, with its system fields estimated when it has none yet. */
export function documentSize(doc: Record<string, unknown>): number {
  let size = convexSize(doc);
  if (doc._id === undefined) size += ID_FIELD_ESTIMATE;
  if (doc._creationTime === undefined) size += CREATION_TIME_FIELD;
  return size;
}

/**
 * The size of `old` (a stored document of `oldSize` bytes) with `patch`
 * applied: only the patched fields are measured, as a one-row update (once
 * per row a hook writes) reserves both documents' sizes.
 */
export function patchedSize(oldSize: number, old: Record<string, unknown>, patch: Record<string, unknown>): number {
  let size = oldSize;
  for (const key in patch) size += fieldSize(key, patch[key]) - fieldSize(key, storedField(old, key));
  return size;
}

/** A field's part of its object's size (none when absent). */
function fieldSize(key: string, value: unknown): number {
  return value === undefined ? 0 : utf8Length(key) + 1 + convexSize(value);
}

/** Bytes of `text` in UTF-8, as Convex stores a string. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // A surrogate pair: one 4-byte code point.
      i++;
    } else bytes += 3;
  }
  return bytes;
}
