import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { isPlainObject } from '../isPlainObject.js';
import { ownField, setOwnField } from '../ownField.js';
import { integerZeros } from '../schema/codec.js';
import { type TableConfig, userColumnOf } from '../schema/table.js';
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
 * With `table`, a value is taken as the ORM stores it, in either mode: an `integer()` -0, top
 * level or nested, is 0 (the one integer zero), so `-0` over a stored 0 changes nothing and
 * over a stored -0 (an older or raw write) rewrites it as 0.
 */
export function effectivePatch(
  doc: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
  writeMode: WriteMode = 'safe_bypass',
  table?: TableConfig,
): Record<string, unknown> | null {
  if (patch === undefined || patch === null) return null;
  if (!isPlainObject(patch)) {
    // Read by its entries, `true` or a Map would change nothing, and a string set fields "0", "1", ...
    throw new OrmError(
      'VALIDATION',
      `migrateOne returned ${describeResult(patch)}; return an object of the fields to set (a partial patch), or nothing to leave the document as it is.`,
    );
  }
  const changes: Record<string, unknown> = {};
  let changed = false;
  for (const [field, given] of Object.entries(patch)) {
    const current = ownField(doc, field);
    if (given === undefined && writeMode === 'normal') {
      if (current === undefined || current === null) continue;
      setOwnField(changes, field, null);
      changed = true;
      continue;
    }
    const column = table && userColumnOf(table, field);
    const value = withoutUndefinedFields(column ? integerZeros(column.definition, given) : given);
    if (compareValues(current as Value | undefined, value as Value | undefined) === 0) continue;
    // A field named `__proto__` stays a field (assigned, it would set the prototype and vanish),
    // for the write's checks to refuse as no column.
    setOwnField(changes, field, value);
    changed = true;
  }
  return changed ? changes : null;
}

/**
 * `value` as Convex stores it: an object field set to `undefined`, at any depth, is no field (a
 * patch `{ address: { street, unit: doc.address?.unit } }` of a document without a unit changes
 * nothing). A copy only where such a field is.
 */
function withoutUndefinedFields(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = withoutUndefinedFields(value[i]);
      if (item === value[i]) continue;
      copy ??= [...value];
      copy[i] = item;
    }
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const field of Object.keys(value)) {
    const item = value[field];
    if (item === undefined) {
      copy ??= { ...value };
      delete copy[field];
      continue;
    }
    const stripped = withoutUndefinedFields(item);
    if (stripped !== item) {
      copy ??= { ...value };
      setOwnField(copy, field, stripped);
    }
  }
  return copy ?? value;
}

/** What a `migrateOne` result that is no patch is, for its error. */
function describeResult(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value !== 'object') return String(value);
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  // An anonymous class has the name '' (`new (class {})()`).
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object that is not a plain object';
}

/**
 * Where a sample diff's values sit in the `migration_run` document that stores them: the document
 * (1), its `report` (2), a migration's progress (3), its `samples` (4), a sample (5), its `before`
 * or `after` (6), the value (7).
 */
const SAMPLE_VALUE_DEPTH = 7;

/**
 * A sample diff for a dry run report: the changed fields before and after (removed fields are
 * absent after), a long or deeply nested value cut to a preview of its JSON ({@link reportValue}).
 */
export function sampleDiff(doc: Record<string, unknown>, changes: Record<string, unknown>): SampleDiff {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    const current = ownField(doc, field);
    if (current !== undefined) before[field] = reportValue(current, SAMPLE_VALUE_DEPTH);
    if (value !== undefined) after[field] = reportValue(value, SAMPLE_VALUE_DEPTH);
  }
  return { _id: String(doc._id), before, after };
}
