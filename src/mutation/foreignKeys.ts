import { compareValues, convexToJson, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { hasOwn } from '../hasOwn.js';
import { storedField } from '../ownField.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import { changesAny, type RowChange, readValues, type StatementContext, shownKey } from './changes.js';
import { vacatedKey } from './referencingKeys.js';

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
  for (const { change, fk, values } of referencesToJudge(context, changes)) {
    if (await referencedRowExists(context, fk, values, changes, existingChanges)) continue;
    // The reference's values as the referencing columns read them (the key's type, as a foreign key joins equal types).
    const target = shownKey(context, fk.foreignFields, readValues(change.table, fk.fields, values));
    throw new OrmError(
      'FOREIGN_KEY_VIOLATION',
      `Row of "${change.table.name}" violates foreign key "${fk.name}": no "${fk.foreignTable}" row with ${target}; insert the referenced row first or fix (${fk.fields.join(', ')}).`,
      { table: change.table.name, details: { foreignKey: fk.name, foreignTable: fk.foreignTable } },
    );
  }
}

/** A reference a statement writes: the first change writing it, through `fk`, to `values`. */
interface WrittenReference {
  readonly change: RowChange;
  readonly fk: ResolvedForeignKey;
  readonly values: unknown[];
}

/**
 * The references the changes write, each key once (1,000 tasks of one project are one lookup),
 * in the order of the changes, so the first violating row is the one named. Not async: it runs
 * per row written, and allocates per reference, not per row.
 */
function referencesToJudge(context: StatementContext, changes: readonly RowChange[]): WrittenReference[] {
  const references: WrittenReference[] = [];
  const seen = new Map<ResolvedForeignKey, SeenKeys>();
  const vacated = new VacatedKeys(context, changes);
  for (const change of changes) {
    const row = change.new;
    if (!row) continue;
    for (const fk of context.registry.foreignKeys(change.table.name)) {
      if (!judges(change, fk, vacated)) continue;
      let keys = seen.get(fk);
      if (!keys) {
        keys = { strings: new Set(), others: new Set() };
        seen.set(fk, keys);
      }
      // A one-column key holding a string (an id: most references) is judged by the string itself, no array
      // or key made per row; any other key by its values' key, in a set of its own.
      const single = fk.fields.length === 1 ? storedField(row, fk.fields[0]!) : undefined;
      if (typeof single === 'string') {
        if (keys.strings.has(single)) continue;
        keys.strings.add(single);
        references.push({ change, fk, values: [single] });
        continue;
      }
      const values = referenceValues(fk, row);
      if (!values) continue;
      const key = valuesKey(values);
      if (keys.others.has(key)) continue;
      keys.others.add(key);
      references.push({ change, fk, values });
    }
  }
  return references;
}

/** The keys of one foreign key judged so far: one-column string keys as they are, others by {@link valuesKey}. */
interface SeenKeys {
  readonly strings: Set<string>;
  readonly others: Set<string>;
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

/** True when a change writes a reference {@link verifyForeignKeys} judges (the only rows it looks up). */
export function writesReferences(context: StatementContext, changes: readonly RowChange[]): boolean {
  const vacated = new VacatedKeys(context, changes);
  // Loops, not `.some` callbacks: this runs on every statement (a hook's update, once per row).
  for (const change of changes) {
    if (change.new === null) continue;
    for (const fk of context.registry.foreignKeys(change.table.name)) if (judges(change, fk, vacated)) return true;
  }
  return false;
}

/**
 * True when the reference `change` writes through `fk` is judged: one it changes (as Postgres, not
 * one an update writes with the value it held: {@link changesAny}), or one it writes again with the
 * key of a row the statement deletes or re-keys (`vacated`): a `set default` giving back the
 * key of the row deleted points at nothing.
 */
function judges(change: RowChange, fk: ResolvedForeignKey, vacated: VacatedKeys): boolean {
  if (changesAny(change, fk.fields)) return true;
  if (change.operation !== 'update') return false;
  let written = false;
  for (const field of fk.fields) if (hasOwn(change.patch, field)) written = true;
  const values = written ? referenceValues(fk, change.new) : null;
  return values !== null && vacated.keys(fk).has(valuesKey(values));
}

/** Per foreign key, the keys ({@link valuesKey}) the statement's changes vacate ({@link vacatedKey}), found when first asked. */
class VacatedKeys {
  // Made when first asked: most statements judge only the references they change.
  private byKey?: Map<ResolvedForeignKey, Set<string>>;
  constructor(
    private readonly context: StatementContext,
    private readonly changes: readonly RowChange[],
  ) {}

  keys(fk: ResolvedForeignKey): Set<string> {
    this.byKey ??= new Map();
    let keys = this.byKey.get(fk);
    if (keys) return keys;
    keys = new Set();
    for (const change of this.changes) {
      if (change.table.name !== fk.foreignTable || change.operation === 'insert') continue;
      const key = vacatedKey(this.context, change, fk);
      if (key) keys.add(valuesKey(key));
    }
    this.byKey.set(fk, keys);
    return keys;
  }
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
