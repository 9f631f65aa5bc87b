import type { GenericDatabaseReader } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import type { WrittenRow } from '../limits/changedRows.js';
import { meterOf } from '../limits/meteredDb.js';
import { setOwnField, storedField } from '../ownField.js';
import { kindOf } from '../schema/conforms.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import type { AnyTableTriggers } from '../triggers/define.js';
import {
  type InsertChange,
  insertChange,
  type RowChange,
  type StatementContext,
  type UpdateChange,
  updateChange,
} from './changes.js';
import { referenceValues, valuesKey } from './foreignKeys.js';
import { softCascades, vacatedKey } from './referencingKeys.js';
import { checkTriggerDepth, hookRow, hooksOf, type TriggerScope } from './triggerScope.js';
import { encodeGiven, insertDocument, type StoredRow } from './values.js';

/**
 * The before-hooks of `changes`, one change after another in change order,
 * all before the statement's first write (so a veto, a throw, writes
 * nothing even when the caller catches it). A hook's replacement values
 * make a new change, which the check stage validates like user input.
 * `done` holds changes whose hooks already ran.
 */
export async function runBeforeTriggers(
  scope: TriggerScope | null,
  changes: readonly RowChange[],
  done: ReadonlySet<RowChange> = new Set(),
): Promise<RowChange[]> {
  const result: RowChange[] = [];
  for (const change of changes) {
    // Only a change with a hook awaits anything: most rows of most statements have none.
    const hook = done.has(change) ? undefined : hooksOf(scope, change.table.name)?.[BEFORE_HOOK[change.operation]];
    result.push(hook ? await beforeHook(scope!, change, hook) : change);
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
  return beforeUpdateHook(scope!, change, hook);
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

/**
 * Where the transaction's changes of stored rows stand before before-hooks run, to pass to
 * {@link refuseRowsHooksChanged} after them; `null` on a database without a meter.
 */
export function changesMark(db: GenericDatabaseReader<any>): number | null {
  return meterOf(db)?.changedRows.mark() ?? null;
}

/**
 * Throws `INVALID_QUERY`, before the statement writes, when a before-hook (run since `mark`)
 * changed a stored row that `changes` update or delete: through its `ctx.db` (a statement of its
 * own, with its own hooks and aggregate maintenance), or by deleting it through `ctx.raw`. The
 * statement read the row before, so it would write, maintain aggregates and plan actions from the
 * row as it was (or fail midway on a deleted one); Postgres refuses the same ("tuple to be updated
 * was already modified by an operation triggered by the current command"). Names the table only:
 * under rules the row may be one the caller cannot read.
 */
export function refuseRowsHooksChanged(
  db: GenericDatabaseReader<any>,
  changes: readonly RowChange[],
  mark: number | null,
): void {
  const rows = mark === null ? undefined : meterOf(db)?.changedRows;
  if (!rows?.anySince(mark!)) return;
  for (const change of changes) {
    if (!change.old || !rows.changedSince(change.id, mark!)) continue;
    const { table, operation } = change;
    throw new OrmError(
      'INVALID_QUERY',
      `A before-hook changed a row of "${table.name}" that its statement goes on to ${operation}, after the statement read it (an ORM write through the hook's ctx.db, or a delete through ctx.raw): the statement would write from the row as it was. Return the row's new values from its own hook, and change other rows in an after-hook.`,
      { table: table.name, details: { operation } },
    );
  }
}

/**
 * The before-hooks of the rows a statement's foreign-key actions reach (`planned`, less the
 * statement's own rows in `own`, hooked already), run after the actions were planned: refused, as
 * {@link refuseRowsHooksChanged} refuses, when they changed a row the statement writes, and when
 * they wrote (inserted, or updated through the ORM) a row holding a key the statement removes (a
 * hard delete, a key change), which the actions, planned before, would leave referencing a row
 * that is gone ({@link refuseRowsReferencingRemovedKeys}).
 */
export async function runReachedBeforeTriggers(
  context: StatementContext,
  planned: readonly RowChange[],
  own: ReadonlySet<RowChange>,
): Promise<RowChange[]> {
  const rows = meterOf(context.db)?.changedRows;
  const mark = rows?.mark() ?? null;
  const start = rows?.watch() ?? 0;
  try {
    const changes = await runBeforeTriggers(context.triggers, planned, own);
    refuseRowsHooksChanged(context.db, changes, mark);
    if (rows) await refuseRowsReferencingRemovedKeys(context, changes, await rows.writtenSince(start));
    return changes;
  } finally {
    rows?.unwatch();
  }
}

/**
 * Throws `INVALID_QUERY`, before the statement writes, when a row the reached rows' hooks wrote
 * (`written`: inserted, updated, raw or through the ORM) holds, as it now stands, a key that
 * `changes` remove and is not one of them: the actions read the rows referencing that key before
 * the hooks ran. Postgres refuses it when the referenced row is deleted before the hook runs (an
 * ancestor in the cascade: the new row's foreign-key check fails) and otherwise runs the
 * referenced row's actions on it (an audit row of the reached row itself, `set null`); the ORM
 * planned every action before these hooks ran, so it refuses both (docs/divergences.md). Reads
 * only the written rows of tables referencing a removed key, by id (a row written and deleted, or
 * moved back, by the hooks holds no removed key).
 */
async function refuseRowsReferencingRemovedKeys(
  context: StatementContext,
  changes: readonly RowChange[],
  written: readonly WrittenRow[],
): Promise<void> {
  if (written.length === 0) return;
  const removed = removedKeys(context, changes);
  if (removed.size === 0) return;
  const referencing = new Set([...removed.keys()].map((fk) => fk.table));
  const planned = new Set<unknown>(changes.map((change) => change.id));
  const { db, registry } = context;
  for (const { id, table: known } of written) {
    if (planned.has(id)) continue;
    // A raw write by id alone names no table: the referencing table the id is of, if any.
    const table = known ?? [...referencing].find((name) => db.normalizeId(name, id) !== null);
    if (table === undefined || !referencing.has(table)) continue;
    const row = (await db.get(table, id as never)) as Record<string, unknown> | null;
    for (const fk of row ? registry.foreignKeys(table) : []) {
      const values = removed.has(fk) ? referenceValues(fk, row!) : null;
      if (!values || !removed.get(fk)!.has(valuesKey(values))) continue;
      throw new OrmError(
        'INVALID_QUERY',
        `A before-hook of a row this statement's foreign-key actions reach wrote a row of "${table}" referencing a row of "${fk.foreignTable}" that the statement goes on to delete or re-key, after the actions were planned: it would be left referencing a row that is gone. Write it in an after-hook, or referencing another row.`,
        { table, details: { foreignKey: fk.name } },
      );
    }
  }
}

/** The keys `changes` remove (hard deletes, key changes; a soft delete keeps its key), per foreign key referencing them. */
function removedKeys(context: StatementContext, changes: readonly RowChange[]): Map<ResolvedForeignKey, Set<string>> {
  const removed = new Map<ResolvedForeignKey, Set<string>>();
  for (const change of changes) {
    if (change.operation === 'insert') continue;
    for (const fk of context.registry.referencesTo(change.table.name)) {
      const key = vacatedKey(context, change, fk);
      if (!key || softCascades(change, fk, key)) continue;
      const keys = removed.get(fk) ?? new Set<string>();
      keys.add(valuesKey(key));
      removed.set(fk, keys);
    }
  }
  return removed;
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
      return row === undefined ? change : replacedInsert(change, row as Record<string, unknown>);
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
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new OrmError(
      'VALIDATION',
      // Its type only: the value may come from a row the caller's rules hide (a cascade reached it).
      `The beforeUpdate hook of "${table.name}" returned ${kindOf(values)}; return an object of values, or nothing to keep the planned row.`,
      { table: table.name },
    );
  }
  return updateChange(table, change.old, replacedPatch(change, values as never));
}

// Its unique constraints are looked up again: the hook may have changed the conflict target.
function replacedInsert(change: InsertChange, row: Record<string, unknown>): InsertChange {
  return insertChange(change.table, insertDocument(change.table, row));
}

/**
 * The patch after a hook returned `values`: the planned patch, overridden by
 * the returned fields, plus the returned fields that differ from the stored
 * row (returning `{ ...next, slug }` writes only what changed). System
 * fields in `values` are ignored.
 */
function replacedPatch(change: UpdateChange, values: Record<string, unknown>): StoredRow {
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
