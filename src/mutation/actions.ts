import { compareValues, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import { type Change, type DeleteChange, type PatchChange, patchChange, type StatementContext } from './changes.js';
import type { Doc } from './reader.js';
import { defaultValue, type StoredRow } from './values.js';

type RowChange = PatchChange | DeleteChange;

interface Restriction {
  readonly fk: ResolvedForeignKey;
  readonly referencing: Doc;
  readonly referenced: RowChange;
}

/**
 * Plans the referential actions of a statement's deletes and key changes,
 * before anything is written: `cascade` (recursively, each row once, so
 * cycles end), `set null`, `set default`, and `restrict` / `no action`,
 * which fail when a referencing row survives the whole cascade graph.
 * Returns the statement's changes with the planned ones appended.
 */
export async function planForeignKeyActions(context: StatementContext, primary: readonly Change[]): Promise<Change[]> {
  const deleted = new Map<string, DeleteChange>();
  const patched = new Map<string, PatchChange>();
  for (const change of primary) {
    if (change.kind === 'delete') deleted.set(change.before._id, change);
    if (change.kind === 'patch') patched.set(change.before._id, change);
  }
  const restrictions: Restriction[] = [];
  const queue = primary.filter((change): change is RowChange => change.kind !== 'insert');
  const enforceCap = () => {
    if (deleted.size + patched.size > context.rowCap) {
      throw new OrmError(
        'ROW_CAP_EXCEEDED',
        `The statement on "${primary[0]!.table.name}" would write more than ${context.rowCap} rows including foreign-key actions; narrow the where filter or raise rowCap.`,
        { table: primary[0]!.table.name, details: { rowCap: context.rowCap } },
      );
    }
  };

  for (let change = queue.shift(); change; change = queue.shift()) {
    for (const fk of context.registry.referencesTo(change.table.name)) {
      const oldValues = fk.foreignFields.map((field) => change.before[field]);
      if (oldValues.some((value) => value === null || value === undefined)) continue;
      const newValues = change.kind === 'patch' ? fk.foreignFields.map((field) => change.after[field]) : null;
      if (newValues && sameValues(oldValues, newValues)) continue;
      const action = newValues ? fk.onUpdate : fk.onDelete;
      const remaining = context.rowCap - deleted.size - patched.size + 1;
      const table = context.registry.table(fk.table);
      const referencing = await context.reader.byFields(table, fk.fields, oldValues, Math.max(remaining, 1));
      for (const row of referencing) {
        if (deleted.has(row._id)) continue;
        if (action === 'restrict' || action === 'no action') {
          restrictions.push({ fk, referencing: row, referenced: change });
        } else if (action === 'cascade' && !newValues) {
          const cascaded: DeleteChange = { kind: 'delete', table, before: row };
          deleted.set(row._id, cascaded);
          queue.push(cascaded);
        } else {
          const values = fk.fields.map((field, i) =>
            action === 'cascade'
              ? newValues![i]
              : action === 'set null'
                ? null
                : defaultValue(table.columns[field]!.definition),
          );
          const next = mergePatch(
            patched,
            table,
            row,
            Object.fromEntries(fk.fields.map((field, i) => [field, values[i]])),
          );
          if (action === 'cascade') queue.push(next);
        }
      }
      enforceCap();
    }
  }

  for (const { fk, referencing, referenced } of restrictions) {
    if (deleted.has(referencing._id)) continue;
    const current = patched.get(referencing._id)?.after ?? referencing;
    const stillReferences = fk.fields.every(
      (field, i) => compareValues(current[field] as Value, referenced.before[fk.foreignFields[i]!] as Value) === 0,
    );
    if (!stillReferences) continue;
    const verb = referenced.kind === 'delete' ? 'delete' : 'update';
    throw new OrmError(
      'FOREIGN_KEY_VIOLATION',
      `Cannot ${verb} "${referenced.table.name}" row ${referenced.before._id}: "${fk.table}" row ${referencing._id} still references it through foreign key "${fk.name}" (on ${verb} ${verb === 'delete' ? fk.onDelete : fk.onUpdate}). Delete or change the referencing rows first, or declare on${verb === 'delete' ? 'Delete' : 'Update'}: 'cascade' or 'set null'.`,
      { table: referenced.table.name, details: { foreignKey: fk.name, referencingTable: fk.table } },
    );
  }

  const planned: Change[] = [...primary.filter((change) => change.kind === 'insert')];
  for (const change of patched.values()) if (!deleted.has(change.before._id)) planned.push(change);
  planned.push(...deleted.values());
  return planned;
}

function mergePatch(
  patched: Map<string, PatchChange>,
  table: PatchChange['table'],
  row: Doc,
  fields: StoredRow,
): PatchChange {
  const existing = patched.get(row._id);
  if (existing) {
    existing.patch = { ...existing.patch, ...fields };
    existing.after = { ...existing.after, ...fields };
    return existing;
  }
  const change = patchChange(table, row, fields);
  patched.set(row._id, change);
  return change;
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.every((value, i) => compareValues(value as Value, b[i] as Value) === 0);
}
