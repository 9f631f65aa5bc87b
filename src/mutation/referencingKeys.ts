import { compareValues, type Value } from 'convex/values';
import { storedField } from '../ownField.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import type { TableConfig } from '../schema/table.js';
import { findIndexStartingWith } from '../schema/tableIndexes.js';
import type { DeleteChange, StatementContext, UpdateChange } from './changes.js';
import type { Doc } from './reader.js';
import { isSoftDelete } from './softDelete.js';

// Which stored rows a change's foreign-key actions reach (`actions.ts` plans what they do): the key
// it vacates, and the rows holding that key, read ahead per wave or one key at a time.

/** A change to a stored row: what foreign-key actions react to. */
export type ExistingRowChange = UpdateChange | DeleteChange;

/**
 * Reads ahead, per foreign key, the rows referencing the keys a wave of
 * changes vacates: one index range per distinct key, or one range over the
 * keys' span when those would not fit in the ranges left (`StatementReader.readAhead`),
 * the `planned` writes kept back (every row planned so far reads its `by_id` range on Convex).
 */
export async function readReferencingAhead(
  context: StatementContext,
  wave: readonly ExistingRowChange[],
  planned: number,
): Promise<void> {
  // Per foreign key and kind of lookup (a soft cascade may read live rows only: `referencingLookup`).
  const lookups = new Map<string, ReferencingLookups>();
  for (const change of wave) {
    for (const fk of context.registry.referencesTo(change.table.name)) {
      const key = vacatedKey(context, change, fk);
      // A restriction's rows are read once the plan is whole, as few as can decide it (`actions.ts`).
      if (!key || restricts(change, fk, key)) continue;
      const lookup = referencingLookup(context.registry.table(fk.table), fk, key, softCascades(change, fk, key));
      const id = `${fk.table}\u0000${fk.name}\u0000${lookup.fields.join(',')}`;
      const entry = lookups.get(id) ?? { fk, fields: lookup.fields, keys: [], limit: context.rowCap + 1 };
      entry.keys.push([...lookup.values]);
      lookups.set(id, entry);
    }
  }
  await readLookupsAhead(context, lookups.values(), planned);
}

/** One foreign key's lookups of referencing rows by `fields` ({@link referencingLookup}), up to `limit` rows each. */
export interface ReferencingLookups {
  readonly fk: ResolvedForeignKey;
  readonly fields: readonly string[];
  readonly keys: unknown[][];
  readonly limit: number;
}

/**
 * Reads ahead each foreign key's lookups (`StatementReader.readAhead`), `planned` ranges kept
 * back: the lookups one foreign key leaves to be read one by one take ranges the next ones cannot
 * have. Fields past the foreign key's are its live-rows lookup (a soft cascade's).
 */
export async function readLookupsAhead(
  context: StatementContext,
  lookups: Iterable<ReferencingLookups>,
  planned: number,
): Promise<void> {
  let taken = planned;
  for (const { fk, fields, keys, limit } of lookups) {
    const table = context.registry.table(fk.table);
    taken += await context.reader.readAhead(table, fields, keys, limit, taken, fields.length > fk.fields.length);
  }
}

/** True when `fk`'s action on `change` vacating `key` is `restrict` or `no action`: its rows are not changed, only judged. */
export function restricts(change: ExistingRowChange, fk: ResolvedForeignKey, key: readonly unknown[]): boolean {
  if (softCascades(change, fk, key)) return false;
  const action = change.operation === 'delete' ? fk.onDelete : fk.onUpdate;
  return action === 'restrict' || action === 'no action';
}

/** True when `change` keeps the key it vacates for `fk`: a soft delete, which cascades softly. */
export function softCascades(
  change: ExistingRowChange,
  fk: ResolvedForeignKey,
  key: readonly unknown[],
): change is UpdateChange {
  return (
    change.operation === 'update' &&
    sameValues(
      key,
      fk.foreignFields.map((field) => storedField(change.new, field)),
    )
  );
}

/**
 * The key (`change`'s old values of `fk`'s referenced fields) whose
 * referencing rows `change` acts on, or `null` when it acts on none: a null
 * key, or an unchanged key, unless a soft delete cascades it softly.
 */
export function vacatedKey(
  context: StatementContext,
  change: ExistingRowChange,
  fk: ResolvedForeignKey,
): unknown[] | null {
  const oldValues = fk.foreignFields.map((field) => storedField(change.old, field));
  if (oldValues.some((value) => value === null || value === undefined)) return null;
  if (
    change.operation === 'delete' ||
    !sameValues(
      oldValues,
      fk.foreignFields.map((field) => storedField(change.new, field)),
    )
  ) {
    return oldValues;
  }
  return softDeletesReferencing(context, change, fk) ? oldValues : null;
}

/**
 * True when `change` soft-deletes a row whose referencing rows through `fk`
 * go with it softly: `onDelete: 'cascade'` into a table that soft-deletes too.
 */
export function softDeletesReferencing(
  context: StatementContext,
  change: ExistingRowChange,
  fk: ResolvedForeignKey,
): change is UpdateChange {
  return isSoftDelete(change) && fk.onDelete === 'cascade' && context.registry.table(fk.table).deletion !== undefined;
}

/**
 * The stored rows holding `key` in `fk`'s fields, at most the row cap and one. `liveOnly` (a
 * soft cascade, which skips soft-deleted rows) reads only the live ones (deletion column null or
 * absent) when an index starts with the fields and the deletion column
 * (`by_parent(parentId, deletedAt)`): rows deleted long ago then neither count toward the cap
 * nor cost reads.
 */
export function storedReferencing(
  context: StatementContext,
  fk: ResolvedForeignKey,
  table: TableConfig,
  key: readonly unknown[],
  liveOnly: boolean,
  limit = context.rowCap + 1,
): Promise<Doc[]> {
  const { fields, values } = referencingLookup(table, fk, key, liveOnly);
  return context.reader.byFields(table, fields, values, limit, fields.length > fk.fields.length);
}

/**
 * The fields and values `storedReferencing` looks up: `fk`'s, plus the deletion column as null
 * for live rows only, when the index read for them has the deletion column right after the key
 * fields (a read-ahead span is bounded by the index's first field: a leading deletion column
 * would bound it by null and miss rows where it is absent).
 */
function referencingLookup(
  table: TableConfig,
  fk: ResolvedForeignKey,
  key: readonly unknown[],
  liveOnly: boolean,
): { fields: readonly string[]; values: readonly unknown[] } {
  const column = liveOnly ? table.deletion?.column : undefined;
  // The index the reader takes for these fields (`findIndexStartingWith`) must start with the key.
  const index = column ? findIndexStartingWith(table.indexes, [...fk.fields, column]) : undefined;
  if (!column || index?.fields[fk.fields.length] !== column) return { fields: fk.fields, values: key };
  return { fields: [...fk.fields, column], values: [...key, null] };
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.every((value, i) => compareValues(value as Value, b[i] as Value) === 0);
}
