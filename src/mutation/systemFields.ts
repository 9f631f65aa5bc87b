import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc } from './reader.js';

/**
 * `set()` values without `_id` and `_creationTime`. A row spread into `set()`
 * (`set({ ...post, title })`, `set((post) => ({ ...post, title }))`) holds
 * them; they are the matched row's own, so writing them changes nothing
 * (Postgres's `SET id = id`), and they are left out, as from a before-update
 * hook's values. Values without them are returned as they are (no copy), and so is anything but an
 * object literal, which the values' own check refuses (a copy of its own keys would lose what a
 * class instance gives through its prototype).
 */
export function withoutSystemFields(values: unknown): unknown {
  // The cheap test first: it runs per row of a set() function.
  if (!hasSystemField(values) || !isPlainObject(values)) return values;
  const { _id, _creationTime, ...columns } = values as Record<string, unknown>;
  return columns;
}

/**
 * Throws `VALIDATION` when `values` (`given`: `set()`'s, or a hook's) give a system field another
 * value than the matched row's: Convex sets `_id` and `_creationTime`; no update changes them.
 */
export function checkSystemFields(table: TableConfig, values: unknown, row: Doc, given = 'set()'): void {
  if (!hasSystemField(values)) return;
  for (const name of ['_id', '_creationTime'] as const) {
    const value = (values as Record<string, unknown>)[name];
    if (value === undefined || value === row[name]) continue;
    throw new OrmError(
      'VALIDATION',
      `"${table.name}.${name}" is a system field set by Convex; ${given} may repeat the row's own value (a spread row) but not change it.`,
      { table: table.name, details: { column: name } },
    );
  }
}

function hasSystemField(values: unknown): boolean {
  return typeof values === 'object' && values !== null && ('_id' in values || '_creationTime' in values);
}
