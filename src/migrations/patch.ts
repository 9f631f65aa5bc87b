import { compareValues, type Value } from 'convex/values';
import type { WriteMode } from './define.js';
import { reportValue } from './preview.js';
import type { SampleDiff } from './state.js';

/**
 * The part of a `migrateOne` patch that changes the document: fields set to a different value,
 * and fields set to `undefined` that the document has (removals). Null when nothing changes,
 * so a migration that is re-run or finds a document already migrated writes nothing.
 * In `'normal'` mode a field set to `undefined` is written as `null` (the ORM's `update` stores
 * the empty value of a nullable column), so it changes only a document whose field holds a
 * value: a field that is null or absent is already what the write would leave.
 */
export function effectivePatch(
  doc: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
  writeMode: WriteMode = 'safe_bypass',
): Record<string, unknown> | null {
  if (patch === undefined || patch === null) return null;
  const changes: Record<string, unknown> = {};
  let changed = false;
  for (const [field, value] of Object.entries(patch)) {
    const current = doc[field];
    if (value === undefined && writeMode === 'normal') {
      if (current === undefined || current === null) continue;
      changes[field] = null;
      changed = true;
      continue;
    }
    if (compareValues(current as Value | undefined, value as Value | undefined) === 0) continue;
    changes[field] = value;
    changed = true;
  }
  return changed ? changes : null;
}

/**
 * A sample diff for a dry run report: the changed fields before and after (removed fields are
 * absent after), a long value cut to a preview of its JSON ({@link reportValue}).
 */
export function sampleDiff(doc: Record<string, unknown>, changes: Record<string, unknown>): SampleDiff {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (doc[field] !== undefined) before[field] = reportValue(doc[field]);
    if (value !== undefined) after[field] = reportValue(value);
  }
  return { _id: String(doc._id), before, after };
}
