import { compareValues, convexToJson, type Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { spanPays } from '../limits/meteredDb.js';
import { storedField } from '../ownField.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import type { TableConfig, UniqueConfig } from '../schema/table.js';
import { changesAny, type RowChange, readValues, type StatementContext, shownKey, storedRow } from './changes.js';
import { type Doc, lookupRanges } from './reader.js';
import { isSoftDelete } from './softDelete.js';
import type { StoredRow } from './values.js';

/**
 * Unique constraints (single, composite, nulls not distinct) of every written
 * row: against the other rows of the same statement, then against the stored
 * rows: one index range per constraint a row writes, or, when those would
 * outnumber half the index ranges the transaction has left, one range per
 * constraint over the span of the rows' values. Rows the statement deletes or
 * rewrites are judged by their new values. Throws `UNIQUE_VIOLATION`.
 */
export async function verifyUniques(
  context: StatementContext,
  changes: readonly RowChange[],
  ownBeforeActions?: OwnRowsBeforeActions,
): Promise<void> {
  const writers: RowWriters = {
    changes,
    ownBeforeActions,
    deletes: context.ownDeletesJudged === true,
  };
  for (const table of new Set(changes.map((change) => change.table))) {
    const ofTable = changes.filter((change) => change.table === table);
    const superseded = new Set(ofTable.flatMap((change) => (change.operation === 'insert' ? [] : [change.id])));
    for (const constraint of table.uniques) {
      const probes = distinctRows(context, table, constraint, ofTable, writers);
      if (spanFits(context, constraint, probes)) {
        await verifyBySpan(context, table, constraint, probes, superseded, writers);
        continue;
      }
      for (const row of probes) {
        const existing = await findConflict(context, table, constraint, row, superseded);
        if (existing)
          throw alreadyStored(context, table, constraint, row, existing, writerOf(writers, row, constraint));
      }
    }
  }
}

/**
 * The statement's own changes, each with the row it wrote before the foreign-key actions merged
 * into it (a merge replaces `new`): the changes not in it are the actions' own.
 */
export type OwnRowsBeforeActions = ReadonlyMap<RowChange, StoredRow | null>;

/**
 * Who wrote the values a row conflicts by, which decides how to avoid the conflict ({@link advice}):
 * the statement's values, a foreign-key action's, or the deletion time of a `delete()`'s soft delete or
 * of a soft cascade.
 */
export type Writer = 'insert' | 'update' | 'action' | 'softDelete' | 'softCascade';

/** A statement's changes, and its own rows before the actions: who wrote what, looked up on an error only. */
interface RowWriters {
  readonly changes: readonly RowChange[];
  readonly ownBeforeActions: OwnRowsBeforeActions | undefined;
  /** The statement is a `delete()`: its own soft deletes wrote their deletion time. */
  readonly deletes: boolean;
}

/**
 * `'action'` for a row a foreign-key action wrote (`'softCascade'` where it soft-deleted it), or an
 * own row whose values under `constraint` an action changed (a `set default` on a row the statement
 * updates too); `'softDelete'` for a `delete()`'s own soft-deleted row; else the statement's.
 */
function writerOf(
  { changes, ownBeforeActions, deletes }: RowWriters,
  row: StoredRow,
  constraint: UniqueConfig,
): Writer {
  const change = changes.find((candidate) => candidate.new === row)!;
  if (deletes && isSoftDelete(change) && (!ownBeforeActions || ownBeforeActions.has(change))) return 'softDelete';
  if (ownBeforeActions) {
    if (!ownBeforeActions.has(change)) return isSoftDelete(change) ? 'softCascade' : 'action';
    const before = ownBeforeActions.get(change)!;
    if (before !== change.new && constraint.fields.some((field) => moved(before, change.new!, field))) return 'action';
  }
  return change.operation === 'insert' ? 'insert' : 'update';
}

const moved = (before: StoredRow, after: StoredRow, field: string): boolean =>
  compareValues((storedField(before, field) ?? null) as Value, (storedField(after, field) ?? null) as Value) !== 0;

const hasUniques = (change: RowChange): boolean => change.table.uniques.length > 0;

/**
 * False when {@link verifyUniques} has nothing to judge: a lone change that
 * writes no unique column (it cannot collide with itself, and its stored key
 * is unchanged). Several changes always go through it.
 */
export function mayViolateUniques(changes: readonly RowChange[]): boolean {
  if (changes.length !== 1) return changes.some(hasUniques);
  // A loop, not a `.some` callback: a one-row statement (a hook's update) runs this once per row.
  const change = changes[0]!;
  for (const constraint of change.table.uniques) if (changesAny(change, constraint.fields)) return true;
  return false;
}

/**
 * The rows of a statement that must be looked up for `constraint`, after
 * checking they are distinct among themselves (`UNIQUE_VIOLATION` otherwise).
 */
function distinctRows(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  changes: readonly RowChange[],
  writers: RowWriters,
): StoredRow[] {
  const seen = new Set<string>();
  const probes: StoredRow[] = [];
  for (const change of changes) {
    const row = change.new;
    const key = row && uniqueKey(constraint, row);
    if (key === null || key === undefined) continue;
    if (seen.has(key)) {
      throw uniqueViolation(context, table, constraint, row!, SAME_STATEMENT, writerOf(writers, row!, constraint));
    }
    seen.add(key);
    if (!changesAny(change, constraint.fields)) continue;
    if (change.operation === 'insert' && change.verifiedUniques?.has(constraint.name)) continue;
    probes.push(row!);
  }
  return probes;
}

/**
 * True when one span read replaces the per-row lookups of `rows`: their ranges
 * ({@link probeRanges}) more than half the ranges left (less `planned` other lookups).
 * Null or absent leading values too: the span then starts at the index's start (`StatementReader.span`).
 */
export function spanFits(
  context: StatementContext,
  constraint: UniqueConfig,
  rows: readonly StoredRow[],
  planned = 0,
): boolean {
  return spanPays(context.db, probeRanges(constraint, rows), planned);
}

async function verifyBySpan(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  rows: readonly StoredRow[],
  superseded: ReadonlySet<string>,
  writers: RowWriters,
): Promise<void> {
  const stored = await storedByKey(context, table, constraint, rows);
  for (const row of rows) {
    const existing = stored.get(uniqueKey(constraint, row)!)!.find((doc) => !superseded.has(doc._id));
    if (existing) throw alreadyStored(context, table, constraint, row, existing, writerOf(writers, row, constraint));
  }
}

/** The statement's other rows a conflict may be with, as {@link uniqueViolation} names them. */
export const SAME_STATEMENT = 'another row of the same statement';

/**
 * How to avoid a conflict: for an inserted row, handling it (with a stored row, either
 * `onConflict…`; with another row of the statement, only `onConflictDoNothing()` keeps one of
 * them: `onConflictDoUpdate` cannot affect a row a second time, as in Postgres). A row a
 * foreign-key action wrote (a `set default`, a cascaded key) holds no value the caller gave: the
 * action, or the default, is what to change (Postgres names the action's query in its CONTEXT).
 */
function advice(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  other: string,
  writer: Writer,
): string {
  const deletion = table.deletion?.column;
  const soft = writer === 'softDelete' || writer === 'softCascade';
  if (soft && deletion && constraint.fields.includes(deletion)) {
    const by =
      writer === 'softDelete'
        ? 'this delete'
        : `a soft cascade of this statement (${cascadesTo(context, table).join(', ')})`;
    return `${by} wrote the row's deletion time, and another row with this key was soft-deleted at the same time (the writes of a Convex mutation share one Date.now()): hard-delete or restore that row first, or soft-delete this one in another mutation`;
  }
  // A soft-deleted row's other values are its hooks' (or its `$onUpdateFn`'s): values of an update.
  if (soft) return 'use a different value';
  if (writer === 'action') {
    const actions = actionsWriting(context, table, constraint.fields);
    const named = actions.length > 0 ? ` (${actions.join(', ')})` : '';
    return `the value was written by a foreign-key action of this statement${named}, not given by it: change that action or the column's default, or free the value first`;
  }
  if (writer === 'update') return 'use a different value';
  if (other === SAME_STATEMENT) return 'deduplicate the values, or skip the later ones with onConflictDoNothing()';
  return `use a different value, or handle the conflict with onConflictDoNothing() or onConflictDoUpdate({ target, set }) targeting (${constraint.fields.join(', ')})`;
}

/** The actions of `table`'s foreign keys that write any of `fields`, as `"name" on delete set default`. */
function actionsWriting(context: StatementContext, table: TableConfig, fields: readonly string[]): string[] {
  const found: string[] = [];
  for (const fk of foreignKeysOf(context, table)) {
    if (!fk.fields.some((field) => fields.includes(field))) continue;
    if (fk.onDelete === 'set null' || fk.onDelete === 'set default')
      found.push(`"${fk.name}" on delete ${fk.onDelete}`);
    if (fk.onUpdate === 'set null' || fk.onUpdate === 'set default' || fk.onUpdate === 'cascade') {
      found.push(`"${fk.name}" on update ${fk.onUpdate}`);
    }
  }
  return found;
}

/** The `onDelete: 'cascade'` foreign keys of `table`, which soft-delete its rows with their parent's. */
function cascadesTo(context: StatementContext, table: TableConfig): string[] {
  return foreignKeysOf(context, table)
    .filter((fk) => fk.onDelete === 'cascade')
    .map((fk) => `"${fk.name}" on delete cascade`);
}

/** The foreign keys `table` declares (the registry indexes them by the table they reference). */
function foreignKeysOf(context: StatementContext, table: TableConfig): ResolvedForeignKey[] {
  return [...context.registry.tables.keys()].flatMap((referenced) =>
    context.registry.referencesTo(referenced).filter((fk) => fk.table === table.name),
  );
}

/** {@link uniqueViolation} of `row` against the stored row `existing`. */
function alreadyStored(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  row: StoredRow,
  existing: Doc,
  writer: Writer,
): OrmError {
  return uniqueViolation(context, table, constraint, row, `${storedRow(context, existing._id)} already stored`, writer);
}

/**
 * The stored rows holding each key of `rows` under `constraint`, by key (an
 * empty list for a free key): one index range over the span of the rows'
 * values. A key holds absent values as null ({@link uniqueKey}), so under
 * `nullsNotDistinct` a stored row with an absent field is found under the null key that matches it.
 */
export async function storedByKey(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  rows: readonly StoredRow[],
): Promise<Map<string, Doc[]>> {
  const stored = new Map<string, Doc[]>();
  for (const row of rows) stored.set(uniqueKey(constraint, row)!, []);
  for (const doc of await context.reader.span(table, constraint.fields, rows)) {
    const key = uniqueKey(constraint, doc);
    if (key !== null) stored.get(key)?.push(doc);
  }
  return stored;
}

/**
 * The index ranges the lookups of `rows` under `constraint` open ({@link findConflict}): one per
 * row, or, nulls not distinct, 2^k for a row with k null fields (each null also matches absent).
 */
export function probeRanges(constraint: UniqueConfig, rows: readonly StoredRow[]): number {
  let ranges = 0;
  for (const row of rows) ranges += lookupRanges(probeValues(constraint, row), constraint.nullsNotDistinct);
  return ranges;
}

/** The values `row` is looked up by under `constraint` (absent as null). */
const probeValues = (constraint: UniqueConfig, row: StoredRow): unknown[] =>
  constraint.fields.map((field) => storedField(row, field) ?? null);

/**
 * A stored row (not among `superseded`) with the same values as `row` for
 * `constraint`, or `null`. Rows with a null in the constraint never conflict
 * unless it is `nullsNotDistinct`.
 */
export async function findConflict(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  row: StoredRow,
  superseded: ReadonlySet<string> = new Set(),
): Promise<Doc | null> {
  if (uniqueKey(constraint, row) === null) return null;
  const docs = await context.reader.byFields(
    table,
    constraint.fields,
    probeValues(constraint, row),
    superseded.size + 1,
    constraint.nullsNotDistinct,
  );
  return docs.find((doc) => !superseded.has(doc._id)) ?? null;
}

/** The identity of `row` under `constraint`, or `null` when a null exempts it. */
export function uniqueKey(constraint: UniqueConfig, row: StoredRow): string | null {
  const values = constraint.fields.map((field) => (storedField(row, field) ?? null) as Value);
  if (!constraint.nullsNotDistinct && values.includes(null)) return null;
  return JSON.stringify(convexToJson(values));
}

/**
 * `UNIQUE_VIOLATION` for `row` under `constraint`, naming the row it conflicts with (under rules,
 * no values: {@link shownKey}), and how to avoid it by who wrote the value ({@link advice}): an
 * update, or an upsert's update branch, takes no `onConflict…`.
 */
export function uniqueViolation(
  context: StatementContext,
  table: TableConfig,
  constraint: UniqueConfig,
  row: StoredRow,
  other: string,
  writer: Writer,
): OrmError {
  const duplicate = shownKey(
    context,
    constraint.fields,
    readValues(
      table,
      constraint.fields,
      constraint.fields.map((field) => storedField(row, field)),
    ),
  );
  return new OrmError(
    'UNIQUE_VIOLATION',
    `Duplicate ${duplicate} in "${table.name}" violates unique constraint "${constraint.name}" (conflicts with ${other}); ${advice(context, table, constraint, other, writer)}.`,
    { table: table.name, details: { constraint: constraint.name, fields: [...constraint.fields] } },
  );
}
