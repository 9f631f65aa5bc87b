import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import type { TableConfig } from '../schema/table.js';
import {
  type DeleteChange,
  deleteChange,
  type RowChange,
  type StatementContext,
  storedRow,
  type UpdateChange,
  updateChange,
  writesAny,
} from './changes.js';
import type { Doc } from './reader.js';
import { isSoftDelete, softDeletePatch } from './softDelete.js';
import { defaultValue, type StoredRow } from './values.js';

type ExistingRowChange = UpdateChange | DeleteChange;

interface Restriction {
  readonly fk: ResolvedForeignKey;
  readonly referencing: Doc;
  readonly referenced: ExistingRowChange;
}

/** The rows a statement deletes or patches, by `_id`, while its actions are planned. */
interface Plan {
  /** The statement's own changes: `ROW_CAP_EXCEEDED` names their table. */
  readonly primary: readonly RowChange[];
  readonly deleted: Map<string, DeleteChange>;
  readonly patched: Map<string, UpdateChange>;
  readonly restrictions: Restriction[];
  /** Changes whose referencing rows are still to be visited. */
  readonly queue: ExistingRowChange[];
}

/**
 * Plans the referential actions of a statement's deletes and key changes,
 * before anything is written: `cascade` (recursively, each row once, so
 * cycles end), `set null`, `set default`, and `restrict` / `no action`,
 * which fail when a referencing row survives the whole cascade graph.
 * Throws `ROW_CAP_EXCEEDED` as soon as the statement would write more than
 * the row cap, inserted rows included. Returns the statement's own changes,
 * in their order, then the planned ones.
 */
export async function planForeignKeyActions(
  context: StatementContext,
  primary: readonly RowChange[],
): Promise<RowChange[]> {
  const inserts = primary.filter((change) => change.operation === 'insert');
  const plan: Plan = { primary, deleted: new Map(), patched: new Map(), restrictions: [], queue: [] };
  for (const change of primary) {
    if (change.operation === 'delete') plan.deleted.set(change.id, change);
    if (change.operation === 'update') plan.patched.set(change.id, change);
    if (change.operation !== 'insert') plan.queue.push(change);
  }
  // In waves, each in queue order: a wave's lookups are read together, then planned one by one.
  for (let wave = plan.queue.splice(0); wave.length > 0; wave = plan.queue.splice(0)) {
    await readReferencingAhead(context, wave);
    for (const change of wave) {
      for (const fk of context.registry.referencesTo(change.table.name)) {
        await planAction(context, plan, change, fk);
        if (inserts.length + plan.deleted.size + plan.patched.size > context.rowCap) {
          throw rowCapExceeded(context, plan);
        }
      }
    }
  }
  verifyRestrictions(context, plan);
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
      if ((acts || writesAny(change, fk.foreignFields)) && vacatedKey(context, change, fk) !== null) return true;
    }
  }
  return false;
}

/**
 * Reads ahead, per foreign key, the rows referencing the keys a wave of
 * changes vacates: one index range per distinct key, or one range over the
 * keys' span when those would not fit in the ranges left (`StatementReader.readAhead`).
 */
async function readReferencingAhead(context: StatementContext, wave: readonly ExistingRowChange[]): Promise<void> {
  const keysByFk = new Map<ResolvedForeignKey, unknown[][]>();
  for (const change of wave) {
    for (const fk of context.registry.referencesTo(change.table.name)) {
      const key = vacatedKey(context, change, fk);
      if (!key) continue;
      const keys = keysByFk.get(fk);
      if (keys) keys.push(key);
      else keysByFk.set(fk, [key]);
    }
  }
  for (const [fk, keys] of keysByFk) {
    await context.reader.readAhead(context.registry.table(fk.table), fk.fields, keys, context.rowCap + 1);
  }
}

/**
 * The key (`change`'s old values of `fk`'s referenced fields) whose
 * referencing rows `change` acts on, or `null` when it acts on none: a null
 * key, or an unchanged key, unless a soft delete cascades it softly.
 */
function vacatedKey(context: StatementContext, change: ExistingRowChange, fk: ResolvedForeignKey): unknown[] | null {
  const oldValues = fk.foreignFields.map((field) => change.old[field]);
  if (oldValues.some((value) => value === null || value === undefined)) return null;
  if (
    change.operation === 'delete' ||
    !sameValues(
      oldValues,
      fk.foreignFields.map((field) => change.new[field]),
    )
  ) {
    return oldValues;
  }
  const softCascades = isSoftDelete(change) && fk.onDelete === 'cascade' && context.registry.table(fk.table).deletion;
  return softCascades ? oldValues : null;
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
  const newValues = change.operation === 'update' ? fk.foreignFields.map((field) => change.new[field]) : null;
  const table = context.registry.table(fk.table);
  if (change.operation === 'update' && sameValues(oldValues, newValues!)) {
    await planSoftCascade(context, plan, change, fk, table, oldValues);
    return;
  }
  const action = newValues ? fk.onUpdate : fk.onDelete;
  // Every row read is one the statement must write, or a restrict that fails it, so a lookup
  // returning more rows than the cap decides the statement; fewer means it saw them all.
  const referencing = await context.reader.byFields(table, fk.fields, oldValues, context.rowCap + 1);
  if (referencing.length > context.rowCap) throw rowCapExceeded(context, plan);
  for (const row of referencing) {
    if (plan.deleted.has(row._id)) continue;
    if (action === 'restrict' || action === 'no action') {
      plan.restrictions.push({ fk, referencing: row, referenced: change });
    } else if (action === 'cascade' && !newValues) {
      const cascaded = deleteChange(table, row);
      plan.deleted.set(row._id, cascaded);
      plan.queue.push(cascaded);
    } else {
      const values = fk.fields.map((field, i) => {
        if (action === 'cascade') return newValues![i];
        return action === 'set null' ? null : defaultValue(table.columns[field]!.definition);
      });
      const fields = Object.fromEntries(fk.fields.map((field, i) => [field, values[i]]));
      const next = mergePatch(plan.patched, table, row, fields);
      // A changed key has actions of its own (set null / default included). Revisit a row only
      // when its values moved, so a row that references itself ends.
      if (next) plan.queue.push(next);
    }
  }
}

/**
 * A soft delete cascades softly: `onDelete: 'cascade'` rows of a table that
 * soft-deletes too get the same deletion time (`vacatedKey` lets only these
 * through). Other actions wait for the hard delete (the row still exists, so
 * nothing references a missing row), and so do rows of tables without a
 * deletion column.
 */
async function planSoftCascade(
  context: StatementContext,
  plan: Plan,
  change: UpdateChange,
  fk: ResolvedForeignKey,
  table: TableConfig,
  keys: readonly unknown[],
): Promise<void> {
  const referencing = await context.reader.byFields(table, fk.fields, keys, context.rowCap + 1);
  if (referencing.length > context.rowCap) throw rowCapExceeded(context, plan);
  const at = change.new[change.table.deletion!.column] as number;
  for (const row of referencing) {
    if ((row[table.deletion!.column] ?? null) !== null || plan.deleted.has(row._id)) continue;
    const next = mergePatch(plan.patched, table, row, softDeletePatch(table, at));
    if (next) plan.queue.push(next);
  }
}

/** Fails on a `restrict` / `no action` row that still references a deleted or re-keyed row. */
function verifyRestrictions(context: StatementContext, { deleted, patched, restrictions }: Plan): void {
  for (const { fk, referencing, referenced } of restrictions) {
    if (deleted.has(referencing._id)) continue;
    const current = patched.get(referencing._id)?.new ?? referencing;
    const stillReferences = fk.fields.every(
      (field, i) => compareValues(current[field] as Value, referenced.old[fk.foreignFields[i]!] as Value) === 0,
    );
    if (!stillReferences) continue;
    const verb = referenced.operation;
    throw new OrmError(
      'FOREIGN_KEY_VIOLATION',
      `Cannot ${verb} "${referenced.table.name}" row ${referenced.id}: "${fk.table}" ${storedRow(context, referencing._id)} still references it through foreign key "${fk.name}" (on ${verb} ${verb === 'delete' ? fk.onDelete : fk.onUpdate}). Delete or change the referencing rows first, or declare on${verb === 'delete' ? 'Delete' : 'Update'}: 'cascade' or 'set null'.`,
      { table: referenced.table.name, details: { foreignKey: fk.name, referencingTable: fk.table } },
    );
  }
}

function rowCapExceeded(context: StatementContext, plan: Plan): OrmError {
  const table = plan.primary[0]!.table.name;
  return new OrmError(
    'ROW_CAP_EXCEEDED',
    `The statement on "${table}" would write more than ${context.rowCap} rows including foreign-key actions; narrow the where filter or raise rowCap.`,
    { table, details: { rowCap: context.rowCap } },
  );
}

/**
 * Merges `fields` into the row's planned patch (a new one when the row has
 * none). Returns the patch, or `null` when it already had these values.
 */
function mergePatch(
  patched: Map<string, UpdateChange>,
  table: TableConfig,
  row: Doc,
  fields: StoredRow,
): UpdateChange | null {
  const existing = patched.get(row._id);
  if (!existing) {
    const change = updateChange(table, row, fields);
    patched.set(row._id, change);
    return change;
  }
  const moves = Object.entries(fields).some(
    ([field, value]) => compareValues(existing.new[field] as Value, value as Value) !== 0,
  );
  if (!moves) return null;
  existing.patch = { ...existing.patch, ...fields };
  existing.new = { ...existing.new, ...fields };
  return existing;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.every((value, i) => compareValues(value as Value, b[i] as Value) === 0);
}
