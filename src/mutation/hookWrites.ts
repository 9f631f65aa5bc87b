import type { GenericDatabaseReader } from 'convex/server';
import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import type { ChangedRows, WrittenRow } from '../limits/changedRows.js';
import { meterOf } from '../limits/meteredDb.js';
import { storedField } from '../ownField.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import { runBeforeTriggers } from './beforeTriggers.js';
import type { RowChange, StatementContext, UpdateChange } from './changes.js';
import { referenceValues, valuesKey } from './foreignKeys.js';
import { softCascades, vacatedKey } from './referencingKeys.js';
import { isSoftDelete } from './softDelete.js';

// What before-hooks may not write: a statement plans from the rows it read before its hooks ran, so
// the rows the hooks write are watched (`ChangedRows`) and checked before the statement's first write.

/**
 * `run` (before-hooks, and what runs between them), refused with `INVALID_QUERY` when its hooks
 * changed a stored row that the changes it resolves to update or delete ({@link refuseRowsChanged}).
 * Watches the writes only while it runs: without hooks, nothing is recorded.
 */
export async function withoutChangingOwnRows(
  db: GenericDatabaseReader<any>,
  run: () => Promise<RowChange[]>,
): Promise<RowChange[]> {
  const rows = meterOf(db)?.changedRows;
  const start = rows?.watch() ?? 0;
  try {
    const changes = await run();
    if (rows) refuseRowsChanged(rows, changes, start);
    return changes;
  } finally {
    rows?.unwatch();
  }
}

/**
 * The before-hooks of the rows a statement's foreign-key actions reach (`planned`, less the
 * statement's own rows in `own`, hooked already), run after the actions were planned: refused, as
 * {@link withoutChangingOwnRows} refuses, when they changed a row the statement writes, and when
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
  const start = rows?.watch() ?? 0;
  try {
    const changes = await runBeforeTriggers(context.triggers, planned, own);
    if (rows) {
      refuseRowsChanged(rows, changes, start);
      await refuseRowsReferencingRemovedKeys(context, changes, await rows.writtenSince(start));
    }
    if (!rows || rows.anySince(start)) forgetReadsBefore(context, changes);
    await refuseReachedActionChanges(context, planned, changes, own);
    return changes;
  } finally {
    rows?.unwatch();
  }
}

/**
 * Throws `INVALID_QUERY`, before the statement writes, when the hook of a row the actions reach
 * (`planned[i]`, hooked into `changes[i]`) changed what that row's own foreign-key actions act on
 * — a referenced key it moves (or moves elsewhere, or keeps after all), a soft delete it makes or
 * undoes — and a stored row references the key: those actions were planned from the values before
 * the hook (docs/triggers.md: reached rows' hooks plan no further actions), so the referencing rows
 * would be left holding a key no row has, or live under a soft-deleted row. Postgres runs the
 * actions of the values the BEFORE trigger returns; the ORM refuses instead of leaving them broken.
 */
async function refuseReachedActionChanges(
  context: StatementContext,
  planned: readonly RowChange[],
  changes: readonly RowChange[],
  own: ReadonlySet<RowChange>,
): Promise<void> {
  for (let i = 0; i < changes.length; i++) {
    const before = planned[i]!;
    const after = changes[i]!;
    if (after === before || own.has(before) || before.operation !== 'update' || after.operation !== 'update') continue;
    for (const fk of context.registry.referencesTo(after.table.name)) {
      if (sameActions(context, before, after, fk)) continue;
      const key = fk.foreignFields.map((field) => storedField(after.old, field));
      if (key.some((value) => value === null || value === undefined)) continue;
      const referencing = await context.reader.byFields(context.registry.table(fk.table), fk.fields, key, 1);
      if (referencing.length === 0) continue;
      throw new OrmError(
        'INVALID_QUERY',
        `The beforeUpdate hook of "${after.table.name}" changed the ${isSoftDelete(before) !== isSoftDelete(after) ? 'soft delete' : `key (${fk.foreignFields.join(', ')})`} of a row this statement's foreign-key actions reach, after the actions were planned: the rows of "${fk.table}" referencing it (foreign key "${fk.name}") would not follow. Make that change in an after-hook, a statement of its own.`,
        { table: after.table.name, details: { foreignKey: fk.name } },
      );
    }
  }
}

/** True when `before` and `after`, one row's change before and after its hook, act alike on the rows referencing it through `fk`. */
function sameActions(
  context: StatementContext,
  before: UpdateChange,
  after: UpdateChange,
  fk: ResolvedForeignKey,
): boolean {
  const vacated = vacatedKey(context, before, fk);
  if (vacated === null && vacatedKey(context, after, fk) === null) return true;
  return (
    isSoftDelete(before) === isSoftDelete(after) &&
    fk.foreignFields.every(
      (field) =>
        compareValues(
          (storedField(before.new, field) ?? null) as Value,
          (storedField(after.new, field) ?? null) as Value,
        ) === 0,
    )
  );
}

/**
 * After before-hooks wrote: what the statement read before them may no longer hold, so its reader
 * forgets its lookups (the checks read the tables as the hooks left them), and the unique keys an
 * upsert looked up for the rows it inserts are looked up again by the unique stage.
 */
export function forgetReadsBefore(context: StatementContext, changes: readonly RowChange[]): void {
  context.reader.forget();
  for (const change of changes) if (change.operation === 'insert') delete change.verifiedUniques;
}

/**
 * The ids of the rows of `table` written since `start` (as `rows` recorded them): a raw write by id
 * alone, which names no table, counts when its id is one of `table`'s.
 */
export async function rowsWrittenSince(
  db: GenericDatabaseReader<any>,
  rows: ChangedRows,
  start: number,
  table: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (const row of await rows.writtenSince(start)) {
    if (row.table === table || (row.table === null && db.normalizeId(table, row.id) !== null)) ids.push(row.id);
  }
  return ids;
}

/**
 * Throws `INVALID_QUERY` when a before-hook (run since `start`) changed a stored row that `changes`
 * update or delete: through its `ctx.db` (a statement of its own, with its own hooks and aggregate
 * maintenance), or by deleting it through `ctx.raw`. The statement read the row before, so it would
 * write, maintain aggregates and plan actions from the row as it was (or fail midway on a deleted
 * one); Postgres refuses the same ("tuple to be updated was already modified by an operation
 * triggered by the current command"). Names the table only: under rules the row may be one the
 * caller cannot read.
 */
function refuseRowsChanged(rows: ChangedRows, changes: readonly RowChange[], start: number): void {
  if (!rows.anySince(start)) return;
  for (const change of changes) {
    if (!change.old || !rows.changedSince(change.id, start)) continue;
    const { table, operation } = change;
    throw new OrmError(
      'INVALID_QUERY',
      `A before-hook changed a row of "${table.name}" that its statement goes on to ${operation}, after the statement read it (an ORM write through the hook's ctx.db, or a delete through ctx.raw): the statement would write from the row as it was. Return the row's new values from its own hook, and change other rows in an after-hook.`,
      { table: table.name, details: { operation } },
    );
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
