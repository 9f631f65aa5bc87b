import { compareValues, type Value } from 'convex/values';
import { reportValue } from './preview.js';
import type { SampleDiff } from './state.js';

/**
 * The part of a `migrateOne` patch that changes the document: fields set to a different value,
 * and fields set to `undefined` that the document has (removals). Null when nothing changes,
 * so a migration that is re-run or finds a document already migrated writes nothing.
 */
export function effectivePatch(
  doc: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> | null {
  if (patch === undefined || patch === null) return null;
  const changes: Record<string, unknown> = {};
  let changed = false;
  for (const [field, value] of Object.entries(patch)) {
    if (compareValues(doc[field] as Value | undefined, value as Value | undefined) === 0) continue;
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
