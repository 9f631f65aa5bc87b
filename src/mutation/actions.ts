import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { valueKey } from '../filter/valueKey.js';
import { storedField } from '../ownField.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import type { TableConfig } from '../schema/table.js';
import {
  changesAny,
  type DeleteChange,
  deleteChange,
  type InsertChange,
  type RowChange,
  type StatementContext,
  storedRow,
  type UpdateChange,
  updateChange,
} from './changes.js';
import { matches } from './foreignKeys.js';
import { type PlannedRow, PlannedRows } from './plannedRows.js';
import type { Doc } from './reader.js';
import {
  type ExistingRowChange,
  type ReferencingLookups,
  readLookupsAhead,
  readReferencingAhead,
  restricts,
  softCascades,
  softDeletesReferencing,
  storedReferencing,
  vacatedKey,
} from './referencingKeys.js';
import { isSoftDelete, softDeletePatch } from './softDelete.js';
import { defaultValue, type StoredRow } from './values.js';

/** A `restrict` / `no action` key that `referenced` deletes or changes, judged once the plan is whole. */
interface Restriction {
  readonly fk: ResolvedForeignKey;
  readonly referenced: ExistingRowChange;
}

/** The rows a statement deletes or patches, by `_id`, while its actions are planned. */
interface Plan {
  /** The statement's own changes: `ROW_CAP_EXCEEDED` names their table. */
  readonly primary: readonly RowChange[];
  readonly deleted: Map<string, DeleteChange>;
  readonly patched: Map<string, UpdateChange>;
  /** The rows the plan inserts and patches, by the values they will hold. */
  readonly written: PlannedRows;
  readonly restrictions: Restriction[];
  /** Changes whose referencing rows are still to be visited. */
  readonly queue: ExistingRowChange[];
  /** Per foreign key, the key changes planned (`transitionOf`): each is planned once. */
  readonly planned: Map<ResolvedForeignKey, Set<string>>;
  /** Rows an action patched before a cascade deleted them: in both maps, one row written. */
  readonly patchedThenDeleted: Set<string>;
}

/**
 * Plans the referential actions of a statement's deletes and key changes,
 * before anything is written: `cascade` (recursively, each row once, so
 * cycles end), `set null`, `set default`, and `restrict` / `no action`,
 * which fail when a referencing row survives the whole cascade graph
 * (`no action` passes when another row holds the key by then). An action
 * reaches the rows that hold the old key as the statement leaves them, as
 * Postgres's end-of-statement triggers do: not a row the statement moves
 * to another key, but a row it moves onto this one or inserts with it.
 * Throws `ROW_CAP_EXCEEDED` as soon as the statement would write more than
 * the row cap, inserted rows included. `beforeRestrictions` runs once the
 * actions are planned (merged into the statement's own changes, in place)
 * and before `restrict` / `no action` are judged: the statement's own checks
 * of its rows as the actions leave them come first. Returns the statement's
 * own changes, in their order, then the planned ones.
 */
export async function planForeignKeyActions(
  context: StatementContext,
  primary: readonly RowChange[],
  beforeRestrictions?: () => Promise<void>,
): Promise<RowChange[]> {
  const inserts = primary.filter((change) => change.operation === 'insert');
  const patched = new Map<string, UpdateChange>();
  const written = new PlannedRows(inserts, patched);
  const plan: Plan = {
    primary,
    deleted: new Map(),
    patched,
    written,
    restrictions: [],
    queue: [],
    planned: new Map(),
    patchedThenDeleted: new Set(),
  };
  for (const change of primary) {
    if (change.operation === 'delete') plan.deleted.set(change.id, change);
    if (change.operation === 'update') plan.patched.set(change.id, change);
    if (change.operation !== 'insert') plan.queue.push(change);
  }
  // In waves, each in queue order: a wave's lookups are read together, then planned one by one.
  for (let wave = plan.queue.splice(0); wave.length > 0; wave = plan.queue.splice(0)) {
    // Every row planned so far (this wave's and the earlier ones') reads its `by_id` range when written.
    await readReferencingAhead(context, wave, writtenRows(plan));
    for (const change of wave) {
      for (const fk of context.registry.referencesTo(change.table.name)) {
        await planAction(context, plan, change, fk);
        if (inserts.length + writtenRows(plan) > context.rowCap) {
          throw rowCapExceeded(context, plan);
        }
      }
    }
  }
  if (beforeRestrictions) await beforeRestrictions();
  await verifyRestrictions(context, plan);
  const own = new Set(primary);
  const patches = [...plan.patched.values()].filter((change) => !own.has(change) && !plan.deleted.has(change.id));
  const deletes = [...plan.deleted.values()].filter((change) => !own.has(change));
  return [...primary, ...patches, ...deletes];
}

/**
 * True when a change deletes or re-keys a row that foreign keys reference
 * (or soft-deletes one that cascades softly): otherwise the statement has
 * no actions to plan and reads nothing for them.
 */
export function hasForeignKeyActions(context: StatementContext, changes: readonly RowChange[]): boolean {
  // Loops, not `.some` callbacks: this runs on every update and delete statement, per changed row.
  for (const change of changes) {
    if (change.operation === 'insert') continue;
    const fks = context.registry.referencesTo(change.table.name);
    if (fks.length === 0) continue;
    const acts = change.operation === 'delete' || isSoftDelete(change);
    for (const fk of fks) {
      // An update that writes none of the referenced fields keeps its key (only a soft delete acts then).
      if ((acts || changesAny(change, fk.foreignFields)) && vacatedKey(context, change, fk) !== null) return true;
    }
  }
  return false;
}

/** The action of `fk` for every row referencing `change`'s old key, when the key goes away or changes. */
async function planAction(
  context: StatementContext,
  plan: Plan,
  change: ExistingRowChange,
  fk: ResolvedForeignKey,
): Promise<void> {
  const oldValues = vacatedKey(context, change, fk);
  if (!oldValues) return;
  const newValues =
    change.operation === 'update' ? fk.foreignFields.map((field) => storedField(change.new, field)) : null;
  // A row is revisited when an action moved its values; a key change already planned is not planned
  // again: its rows would move back and forth (two keys swapped by one update never ended).
  const transitions = plan.planned.get(fk) ?? new Set<string>();
  plan.planned.set(fk, transitions);
  const transition = `${change.id}:${newValues ? valueKey(newValues as Value) : 'deleted'}`;
  if (transitions.has(transition)) return;
  transitions.add(transition);
  const table = context.registry.table(fk.table);
  if (softCascades(change, fk, oldValues)) {
    await planSoftCascade(context, plan, change, fk, table, oldValues);
    return;
  }
  if (restricts(change, fk, oldValues)) {
    // Rows the rest of the plan deletes or moves away do not block: judged once it is whole.
    plan.restrictions.push({ fk, referenced: change });
    return;
  }
  const action = newValues ? fk.onUpdate : fk.onDelete;
  const { stored, inserted } = await referencingRows(context, plan, fk, table, oldValues);
  if (action === 'cascade' && !newValues) {
    // Only delete statements delete, and they insert nothing: `inserted` is empty.
    for (const row of stored) {
      const cascaded = deleteChange(table, row);
      if (plan.patched.has(row._id)) plan.patchedThenDeleted.add(row._id);
      plan.deleted.set(row._id, cascaded);
      plan.queue.push(cascaded);
    }
    return;
  }
  // A soft delete that also moves the key (freeing a unique slug): rows following it still
  // reference the row, so they go with it too. Rows `set null` / `set default` reference it no more.
  const softDelete =
    action === 'cascade' && softDeletesReferencing(context, change, fk) ? softCascadePatch(table, change) : null;
  // One object for every row, but a `set default`'s: made per row (a `$defaultFn` runs for each).
  const shared = action === 'set default' ? null : actionFields(fk, action, table, newValues);
  mergeReferencing(
    plan,
    table,
    { stored, inserted },
    () => shared ?? actionFields(fk, action, table, newValues),
    softDelete,
  );
}

/** No fields of an action: a soft cascade writes its soft delete only. */
const noFields = (): StoredRow => ({});

/**
 * The fields `action` writes into one referencing row: the new key (`cascade` of an update),
 * `null`, or each column's default, made per row as Postgres evaluates DEFAULT per row.
 */
function actionFields(
  fk: ResolvedForeignKey,
  action: ResolvedForeignKey['onDelete'],
  table: TableConfig,
  newValues: readonly unknown[] | null,
): StoredRow {
  const fields: StoredRow = {};
  fk.fields.forEach((field, i) => {
    if (action === 'cascade') fields[field] = newValues![i];
    else fields[field] = action === 'set null' ? null : defaultValue(table, table.columns[field]!);
  });
  return fields;
}

/**
 * The rows of `fk`'s table holding `key` in its fields as the plan leaves
 * them so far: stored rows holding it that the plan neither deletes nor
 * moves away, then rows the plan moves onto it (as `stored`, by their
 * stored document) or inserts with it. Reads only the stored rows holding
 * the key, once per statement: more than the row cap decides the statement,
 * since each is a row it must write or a restriction that fails it.
 */
async function referencingRows(
  context: StatementContext,
  plan: Plan,
  fk: ResolvedForeignKey,
  table: TableConfig,
  key: readonly unknown[],
  liveOnly = false,
): Promise<{ stored: Doc[]; inserted: InsertChange[] }> {
  const found = await storedReferencing(context, fk, table, key, liveOnly);
  if (found.length > context.rowCap) throw rowCapExceeded(context, plan);
  return heldBy(plan, fk, key, found);
}

/** Of the `found` stored rows referencing `key`, those still holding it as the plan leaves them, then the rows it moves onto it or inserts with it. */
function heldBy(
  plan: Plan,
  fk: ResolvedForeignKey,
  key: readonly unknown[],
  found: readonly Doc[],
): { stored: Doc[]; inserted: InsertChange[] } {
  const stored = found.filter((row) => !plan.deleted.has(row._id) && matches(planned(plan, row), fk.fields, key));
  const inserted: InsertChange[] = [];
  for (const row of plan.written.holding(fk.table, fk.fields, key)) {
    if (row.operation === 'insert') inserted.push(row);
    else if (!plan.deleted.has(row.id) && !matches(row.old, fk.fields, key)) stored.push(row.old);
  }
  return { stored, inserted };
}

/** A stored row with the values the plan gives it so far. */
function planned(plan: Plan, row: Doc): Doc {
  return plan.patched.get(row._id)?.new ?? row;
}

/**
 * A soft delete that keeps the key cascades softly: `onDelete: 'cascade'`
 * rows of a table that soft-deletes too get the same deletion time
 * (`vacatedKey` lets only these through; one that moves the key too
 * soft-deletes the rows `onUpdate: 'cascade'` moves with it, in `planAction`).
 * Other actions wait for the hard delete (the row still exists, so nothing
 * references a missing row), and so do rows of tables without a deletion
 * column.
 */
async function planSoftCascade(
  context: StatementContext,
  plan: Plan,
  change: UpdateChange,
  fk: ResolvedForeignKey,
  table: TableConfig,
  keys: readonly unknown[],
): Promise<void> {
  const referencing = await referencingRows(context, plan, fk, table, keys, true);
  mergeReferencing(plan, table, referencing, noFields, softCascadePatch(table, change));
}

/** The patch soft-deleting a row of `table` at the time `change` soft-deletes its row. */
function softCascadePatch(table: TableConfig, change: UpdateChange): StoredRow {
  return softDeletePatch(table, storedField(change.new, change.table.deletion!.column) as number);
}

/**
 * Merges an action's `fields` into the referencing rows, and a soft
 * cascade's `softDelete` patch into those live as planned (a row deleted
 * already keeps its time). A row the action leaves as it was gets no patch.
 */
function mergeReferencing(
  plan: Plan,
  table: TableConfig,
  { stored, inserted }: { stored: readonly Doc[]; inserted: readonly InsertChange[] },
  fields: () => StoredRow,
  softDelete: StoredRow | null,
): void {
  for (const row of stored) {
    const patch = referencingPatch(table, planned(plan, row), fields(), softDelete);
    // Nothing to write: a row a soft cascade finds deleted already.
    if (Object.keys(patch).length === 0) continue;
    const next = mergePatch(plan, table, row, patch);
    // A changed key has actions of its own (set null / default included), and so does a soft
    // delete. Revisit a row only when its values moved, so a row that references itself ends.
    if (next) plan.queue.push(next);
  }
  for (const row of inserted) mergeInsert(plan, row, referencingPatch(table, row.new, fields(), softDelete));
}

/** An action's `fields` for one referencing row, with the `softDelete` patch when the row is live. */
function referencingPatch(table: TableConfig, row: StoredRow, fields: StoredRow, softDelete: StoredRow | null) {
  return softDelete && (storedField(row, table.deletion!.column) ?? null) === null
    ? { ...fields, ...softDelete }
    : fields;
}

/**
 * Fails on a `restrict` / `no action` key that a row still holds once the
 * whole cascade graph is planned. `no action` is checked at the end of the
 * statement, as in Postgres: it passes when another row holds the key by
 * then (one the statement moves onto it or inserts). `restrict` does not.
 */
async function verifyRestrictions(context: StatementContext, plan: Plan): Promise<void> {
  const judged: { fk: ResolvedForeignKey; referenced: ExistingRowChange; key: unknown[]; action: string }[] = [];
  for (const { fk, referenced } of plan.restrictions) {
    const key = fk.foreignFields.map((field) => storedField(referenced.old, field));
    const action = referenced.operation === 'delete' ? fk.onDelete : fk.onUpdate;
    if (action !== 'no action' || !keyHeld(plan, fk, key)) judged.push({ fk, referenced, key, action });
  }
  // One stored row the plan leaves holding a key decides it: past the rows of its table the plan
  // deletes or moves, the next one read is such a row. Read ahead per foreign key, as the actions are.
  const limits = new Map<string, number>();
  for (const { fk } of judged) if (!limits.has(fk.table)) limits.set(fk.table, rowsOf(plan, fk.table) + 1);
  const lookups = new Map<ResolvedForeignKey, ReferencingLookups>();
  for (const { fk, key } of judged) {
    const lookup = lookups.get(fk);
    if (lookup) lookup.keys.push(key);
    else lookups.set(fk, { fk, fields: fk.fields, keys: [key], limit: limits.get(fk.table)! });
  }
  await readLookupsAhead(context, lookups.values(), writtenRows(plan));
  for (const { fk, referenced, key, action } of judged) {
    const table = context.registry.table(fk.table);
    const found = await storedReferencing(context, fk, table, key, false, limits.get(fk.table)!);
    const { stored, inserted } = heldBy(plan, fk, key, found);
    if (stored.length === 0 && inserted.length === 0) continue;
    const verb = referenced.operation;
    const holder = stored[0]
      ? storedRow(context, stored[0]._id, fk.table)
      : `a "${fk.table}" row the statement inserts`;
    throw new OrmError(
      'FOREIGN_KEY_VIOLATION',
      `Cannot ${verb} ${storedRow(context, referenced.id, referenced.table.name)}: ${holder} still references it through foreign key "${fk.name}" (on ${verb} ${action}). Delete or change the referencing rows first, or declare on${verb === 'delete' ? 'Delete' : 'Update'}: 'cascade' or 'set null'.`,
      { table: referenced.table.name, details: { foreignKey: fk.name, referencingTable: fk.table } },
    );
  }
}

/**
 * True when a row holds `key` in `fk`'s referenced fields as the plan leaves
 * them. Those fields are `_id` or a unique key, so the only stored row that
 * held it is the one giving it up: only a row the plan writes can hold it now.
 */
function keyHeld(plan: Plan, fk: ResolvedForeignKey, key: readonly unknown[]): boolean {
  return plan.written
    .holding(fk.foreignTable, fk.foreignFields, key)
    .some((row) => row.operation === 'insert' || !plan.deleted.has(row.id));
}

/** The existing rows the plan deletes or patches, each once (a row patched, then deleted, is deleted). */
function writtenRows(plan: Plan): number {
  return plan.deleted.size + plan.patched.size - plan.patchedThenDeleted.size;
}

/** The stored rows of `table` the plan deletes or updates. */
function rowsOf(plan: Plan, table: string): number {
  let rows = 0;
  for (const change of plan.deleted.values()) if (change.table.name === table) rows++;
  for (const [id, change] of plan.patched) if (change.table.name === table && !plan.deleted.has(id)) rows++;
  return rows;
}

function rowCapExceeded(context: StatementContext, plan: Plan): OrmError {
  const table = plan.primary[0]!.table.name;
  return new OrmError(
    'ROW_CAP_EXCEEDED',
    `The statement on "${table}" would write more than ${context.rowCap} rows including foreign-key actions; write fewer rows per statement (a narrower where, or fewer values of an upsert) or raise rowCap.`,
    { table, details: { rowCap: context.rowCap } },
  );
}

/**
 * Merges `fields` into the row's planned patch (a new one when the row has
 * none). Returns the patch, or `null` when it already had these values.
 */
function mergePatch(plan: Plan, table: TableConfig, row: Doc, fields: StoredRow): UpdateChange | null {
  const existing = plan.patched.get(row._id);
  if (!existing) {
    const change = updateChange(table, row, fields);
    plan.patched.set(row._id, change);
    plan.written.note(change);
    return change;
  }
  // Already holding these values, the row is not revisited; the fields are still written, so the
  // reference is judged: a `set default` giving back the key of the row deleted points at nothing.
  existing.patch = { ...existing.patch, ...fields };
  if (!moves(existing, fields)) return null;
  existing.new = { ...existing.new, ...fields };
  plan.written.note(existing);
  return existing;
}

/** Merges `fields` into a row the statement inserts (an upsert's), whose unique keys are then looked up again. */
function mergeInsert(plan: Plan, row: InsertChange, fields: StoredRow): void {
  if (!moves(row, fields)) return;
  row.new = { ...row.new, ...fields };
  delete row.verifiedUniques;
  plan.written.note(row);
}

/** True when `fields` change a value of the planned `row`. */
function moves(row: PlannedRow, fields: StoredRow): boolean {
  for (const field in fields) {
    if (compareValues(storedField(row.new, field) as Value, fields[field] as Value) !== 0) return true;
  }
  return false;
}
