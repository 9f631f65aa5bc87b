import { MAX_NAME_LENGTH, RESERVED_INDEX_NAMES } from './names.js';

// A 32-bit hash is at most 7 digits in base 36.
const HASH_LENGTH = 7;

/**
 * The name of an index the ORM adds (`<columns>_unique`, `<columns>_fk`, an aggregate's
 * `<name>_<field>`), made from `base`. The user names none of these, so none may make a valid
 * table fail: a name over Convex's 64 characters is cut and ends in a hash of the whole name
 * (stable: the same columns give the same index on every deploy), and a name `taken` by another
 * index of the table, or one Convex reserves (`by_id`: an aggregate `by` over a column `id`), gets
 * `_1`, `_2`, ... A name Convex takes as it is stays as it is, so no deployed index is renamed.
 */
export function addedIndexName(base: string, taken: (name: string) => boolean): string {
  for (let n = 0; ; n++) {
    const name = fitted(n === 0 ? base : `${base}_${n}`);
    if (!taken(name) && !RESERVED_INDEX_NAMES.has(name)) return name;
  }
}

function fitted(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  return `${name.slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)}_${fnv1a(name).toString(36).padStart(HASH_LENGTH, '0')}`;
}

/** FNV-1a, 32 bits, over the UTF-16 code units of `text` (index names are ASCII). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
