import type { GenericDatabaseReader } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { isPlainObject } from '../isPlainObject.js';
import { meterOf } from '../limits/meteredDb.js';
import { setOwnField, storedField } from '../ownField.js';
import { kindOf } from '../schema/conforms.js';
import type { AnyTableTriggers } from '../triggers/define.js';
import { type InsertChange, insertChange, type RowChange, type UpdateChange, updateChange } from './changes.js';
import { checkSystemFields } from './systemFields.js';
import { checkTriggerDepth, hookRow, hooksOf, type TriggerScope } from './triggerScope.js';
import { encodeGiven, insertDocument, type StoredRow } from './values.js';

/**
 * The before-hooks of `changes`, one change after another in change order,
 * all before the statement's first write (so a veto, a throw, writes
 * nothing even when the caller catches it). A hook's replacement values
 * make a new change, which the check stage validates like user input.
 * `done` holds changes whose hooks already ran.
 */
export function runBeforeTriggers(
  scope: TriggerScope | null,
  changes: readonly RowChange[],
  done: ReadonlySet<RowChange> = new Set(),
): Promise<RowChange[]> {
  return scope ? scope.hooks(() => beforeHooks(scope, changes, done)) : Promise.resolve([...changes]);
}

async function beforeHooks(
  scope: TriggerScope,
  changes: readonly RowChange[],
  done: ReadonlySet<RowChange>,
): Promise<RowChange[]> {
  const result: RowChange[] = [];
  for (const change of changes) {
    // Only a change with a hook awaits anything: most rows of most statements have none.
    const hook = done.has(change) ? undefined : hooksOf(scope, change.table.name)?.[BEFORE_HOOK[change.operation]];
    result.push(hook ? await beforeHook(scope, change, hook) : change);
  }
  return result;
}

/**
 * The `beforeUpdate` hook of one update change, run on its own, ahead of the
 * statement's stages (an upsert's update branch, as its conflict is
 * resolved): the change its replacement values make, or `change` when the
 * table has no such hook or the hook returned nothing. Throws
 * `TRIGGER_DEPTH_EXCEEDED` before the hook runs in a statement too deep.
 */
export async function runBeforeUpdate(scope: TriggerScope | null, change: UpdateChange): Promise<UpdateChange> {
  const hook = hooksOf(scope, change.table.name)?.beforeUpdate;
  if (!hook) return change;
  checkTriggerDepth(scope, change.table.name);
  return scope!.hooks(() => beforeUpdateHook(scope!, change, hook));
}

/**
 * What to wait for once before-hooks ran, before the statement reads on and reserves its writes:
 * the hooks may have written through `ctx.raw`, and when the estimates of those writes leave too
 * little room the meter takes them as Convex counted them. `undefined` when there is nothing to
 * wait for (the common case: no await).
 */
export function syncAfterBeforeHooks(db: GenericDatabaseReader<any>): Promise<void> | undefined {
  return meterOf(db)?.syncInsideStatement();
}

/** True when a change not in `done` has a before-hook: otherwise the stage has nothing to run. */
export function hasBeforeHooks(
  scope: TriggerScope | null,
  changes: readonly RowChange[],
  done?: ReadonlySet<RowChange>,
): boolean {
  if (scope === null) return false;
  // A loop, not a `.some` callback: this runs on every statement (a hook's update, once per row).
  for (const change of changes) {
    if (!done?.has(change) && hooksOf(scope, change.table.name)?.[BEFORE_HOOK[change.operation]]) return true;
  }
  return false;
}

type BeforeHook = NonNullable<AnyTableTriggers['beforeInsert']>;

const BEFORE_HOOK = { insert: 'beforeInsert', update: 'beforeUpdate', delete: 'beforeDelete' } as const;

async function beforeHook(scope: TriggerScope, change: RowChange, hook: BeforeHook): Promise<RowChange> {
  const { table } = change;
  switch (change.operation) {
    case 'insert': {
      const row = await hook(hookRow(table, change.new) as never, scope.context('insert', table.name));
      return row === undefined ? change : replacedInsert(change, returnedValues(change, row));
    }
    case 'update':
      return beforeUpdateHook(scope, change, hook);
    case 'delete':
      await hook({ id: change.id, old: hookRow(table, change.old) }, scope.context('delete', table.name));
      return change;
  }
}

/** Runs `hook`, a `beforeUpdate`, on `change`: a change of the values it returned, or `change` when it returned nothing. */
async function beforeUpdateHook(scope: TriggerScope, change: UpdateChange, hook: BeforeHook): Promise<UpdateChange> {
  const { table } = change;
  const values = await hook(
    { id: change.id, old: hookRow(table, change.old), new: hookRow(table, change.new) },
    scope.context('update', table.name),
  );
  if (values === undefined) return change;
  return updateChange(table, change.old, replacedPatch(change, returnedValues(change, values)));
}

/**
 * What a before-hook returned, when it is an object literal: a Map, a Date or a class instance
 * has no values as keys, and taken as one without keys its values would be lost (the planned
 * update written as if it returned nothing, a row of defaults inserted).
 */
function returnedValues(change: InsertChange | UpdateChange, values: unknown): Record<string, unknown> {
  if (isPlainObject(values)) return values;
  const { table, operation } = change;
  throw new OrmError(
    'VALIDATION',
    // Its kind only: the value may come from a row the caller's rules hide (a cascade reached it).
    `The ${BEFORE_HOOK[operation]} hook of "${table.name}" returned ${kindOf(values)}; return an object literal of values, or nothing to keep the planned row.`,
    { table: table.name },
  );
}

// Its unique constraints are looked up again: the hook may have changed the conflict target. A
// generated column the returned row leaves out keeps the value the hook was shown (made once).
function replacedInsert(change: InsertChange, row: Record<string, unknown>): InsertChange {
  return insertChange(change.table, insertDocument(change.table, row, change.new));
}

/**
 * The patch after a hook returned `values`: the planned patch, overridden by
 * the returned fields, plus the returned fields that differ from the stored
 * row (returning `{ ...next, slug }` writes only what changed). System
 * fields in `values` must be the row's own (a spread row), as in `set()`, and are left out.
 */
function replacedPatch(change: UpdateChange, values: Record<string, unknown>): StoredRow {
  checkSystemFields(change.table, values, change.old, `the beforeUpdate hook's values`);
  const { _id, _creationTime, ...columns } = values;
  const patch = { ...change.patch };
  for (const [field, value] of Object.entries(encodeGiven(change.table, columns))) {
    // Own fields only: a "__proto__" the hook returned stays a field for validation to refuse.
    if (
      hasOwn(patch, field) ||
      compareValues(value as Value, (storedField(change.old, field) ?? null) as Value) !== 0
    ) {
      setOwnField(patch, field, value);
    }
  }
  return patch;
}
