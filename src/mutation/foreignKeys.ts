import { compareValues, convexToJson, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { storedField } from '../ownField.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import { type RowChange, type StatementContext, shownKey, writesAny } from './changes.js';

/**
 * Foreign-key existence: every inserted or changed reference (all fields
 * non-null, SQL `MATCH SIMPLE`) must point at a row as the statement leaves
 * it: a stored row it neither deletes nor re-keys, or a row it writes.
 * Throws `FOREIGN_KEY_VIOLATION`.
 */
export async function verifyForeignKeys(context: StatementContext, changes: readonly RowChange[]): Promise<void> {
  // One lookup per referenced row, not a scan of the changes (a 1,000-row insert would make it quadratic).
  const existingChanges = new Map<string, RowChange>();
  for (const change of changes) if (change.operation !== 'insert') existingChanges.set(change.id, change);
  // Each key is judged once: 1,000 tasks of one project await one lookup, not 1,000.
  const found = new Map<ResolvedForeignKey, Set<string>>();
  for (const change of changes) {
    const row = change.new;
    if (!row) continue;
    for (const fk of context.registry.foreignKeys(change.table.name)) {
      if (!writesAny(change, fk.fields)) continue;
      const values = referenceValues(fk, row);
      if (!values) continue;
      let judged = found.get(fk);
      if (!judged) {
        judged = new Set();
        found.set(fk, judged);
      }
      const key = valuesKey(values);
      if (judged.has(key)) continue;
      if (await referencedRowExists(context, fk, values, changes, existingChanges)) {
        judged.add(key);
        continue;
      }
      const target = shownKey(context, fk.foreignFields, values);
      throw new OrmError(
        'FOREIGN_KEY_VIOLATION',
        `Row of "${change.table.name}" violates foreign key "${fk.name}": no "${fk.foreignTable}" row with ${target}; insert the referenced row first or fix (${fk.fields.join(', ')}).`,
        { table: change.table.name, details: { foreignKey: fk.name, foreignTable: fk.foreignTable } },
      );
    }
  }
}

/** The values `row` references through `fk`, or null when one is null or absent: no reference (SQL `MATCH SIMPLE`). */
export function referenceValues(fk: ResolvedForeignKey, row: Readonly<Record<string, unknown>>): unknown[] | null {
  const values = fk.fields.map((field) => storedField(row, field));
  return values.some((value) => value === null || value === undefined) ? null : values;
}

/** The key of a reference's values: an id as itself (no JSON per row written), anything else as its JSON. */
export function valuesKey(values: readonly unknown[]): string {
  return values.length === 1 && typeof values[0] === 'string'
    ? `s${values[0]}`
    : `j${JSON.stringify(convexToJson(values as Value[]))}`;
}

/** True when a change writes a reference (the only rows {@link verifyForeignKeys} looks up). */
export function writesReferences(context: StatementContext, changes: readonly RowChange[]): boolean {
  // Loops, not `.some` callbacks: this runs on every statement (a hook's update, once per row).
  for (const change of changes) {
    if (change.new === null) continue;
    for (const fk of context.registry.foreignKeys(change.table.name)) if (writesAny(change, fk.fields)) return true;
  }
  return false;
}

async function referencedRowExists(
  context: StatementContext,
  fk: ResolvedForeignKey,
  values: readonly unknown[],
  changes: readonly RowChange[],
  existingChanges: ReadonlyMap<string, RowChange>,
): Promise<boolean> {
  // A row the statement inserts has no _id yet, so only keys on other columns can point at one.
  const byId = fk.foreignFields.length === 1 && fk.foreignFields[0] === '_id';
  const written =
    !byId &&
    changes.some(
      (change) =>
        change.table.name === fk.foreignTable &&
        change.operation !== 'delete' &&
        matches(change.new!, fk.foreignFields, values),
    );
  if (written) return true;
  const target = context.registry.table(fk.foreignTable);
  const [existing] = await context.reader.byFields(target, fk.foreignFields, values, 1);
  if (!existing) return false;
  // The stored row counts only if the statement leaves it with these values (no delete, no re-key).
  const change = existingChanges.get(existing._id);
  return change === undefined || matches(change.new ?? {}, fk.foreignFields, values);
}

/** True when `row`'s `fields` equal `values` (Convex value equality). */
export function matches(row: Record<string, unknown>, fields: readonly string[], values: readonly unknown[]): boolean {
  return fields.every((field, i) => {
    const value = storedField(row, field);
    return value !== undefined && values[i] !== undefined && compareValues(value as Value, values[i] as Value) === 0;
  });
}
