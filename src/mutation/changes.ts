import type { GenericDatabaseWriter } from 'convex/server';
import { compareValues, type GenericId, type Value } from 'convex/values';
import { hasOwn } from '../hasOwn.js';
import { copyFields, storedField } from '../ownField.js';
import { decodeColumnValue } from '../schema/codec.js';
import { describe } from '../schema/conforms.js';
import type { SchemaRegistry } from '../schema/registry.js';
import { columnOf, type TableConfig } from '../schema/table.js';
import type { RuleCheck } from './checkRules.js';
import type { Doc, StatementReader } from './reader.js';
import type { DeletionScheduling } from './scheduleDeletes.js';
import type { TriggerScope } from './triggerScope.js';
import type { StoredRow } from './values.js';

/**
 * A row to insert. `id` is `null` until the write stage has inserted it;
 * `verifiedUniques` names constraints already looked up (upsert targets).
 * `new` changes (and `verifiedUniques` goes) when a foreign-key action of
 * the same upsert rewrites the row.
 */
export interface InsertChange {
  readonly table: TableConfig;
  readonly operation: 'insert';
  readonly id: GenericId<string> | null;
  readonly old: null;
  new: StoredRow;
  verifiedUniques?: ReadonlySet<string>;
}

/**
 * A patch of an existing row; `new` is the row as it will be stored, `patch`
 * the fields written (both grow while foreign-key actions are merged in).
 */
export interface UpdateChange {
  readonly table: TableConfig;
  readonly operation: 'update';
  readonly id: GenericId<string>;
  readonly old: Doc;
  new: Doc;
  patch: StoredRow;
}

/** A row to delete. */
export interface DeleteChange {
  readonly table: TableConfig;
  readonly operation: 'delete';
  readonly id: GenericId<string>;
  readonly old: Doc;
  readonly new: null;
}

/**
 * One row-level change of a statement, planned before anything is written.
 * A statement is an ordered list of these: its own rows, upsert branches and
 * foreign-key actions. Every stage (triggers, checks, the write, reactions)
 * reads that list; none of them wraps `ctx.db`.
 */
export type RowChange = InsertChange | UpdateChange | DeleteChange;

/** What a statement needs while it plans, checks and writes. */
export interface StatementContext {
  readonly db: GenericDatabaseWriter<any>;
  readonly registry: SchemaRegistry;
  readonly reader: StatementReader;
  /** The most rows one statement may write, cascades included. */
  readonly rowCap: number;
  /** The triggers the statement fires; `null` when there are none or they are bypassed. */
  readonly triggers: TriggerScope | null;
  /** How hard deletes of `deletion('scheduled')` tables are scheduled; `null` when not wired. */
  readonly scheduling: DeletionScheduling | null;
  /**
   * The rules of the caller (`orm.db(ctx)` with rules); `null` when there are none or they are
   * bypassed. While set, errors name no stored row but the caller's own (see {@link storedRow}).
   */
  readonly rules: RuleCheck | null;
  /**
   * The statement is a delete, whose own rows passed `read` and `delete` when it matched them:
   * the rules stage judges none it still deletes. A soft delete plans updates, which
   * `update.check` must not judge, whatever else a `beforeUpdate` hook writes with the deletion
   * column; a row the hook kept live (the column set back to null) is an update all the same,
   * which the update rules judge. `rules` stays set so errors still hide rows.
   */
  readonly ownDeletesJudged?: boolean;
  /**
   * The statement is an upsert, whose own rows were judged as its conflicts were resolved
   * (`resolveConflicts`): every proposed row passed `insert` before any stored row was read,
   * and each row its update branch writes `update.check` before its unique keys. The rules stage
   * judges none of them again.
   */
  readonly ownRowsJudged?: boolean;
  /**
   * The statement gives its own rows back (`returning()`): under rules each row it returns must pass
   * `read` as it will be written, before anything is written (`checkReturnedRow`). A delete returns
   * the rows as it matched them, through `read`, so it never sets this.
   */
  readonly returnsRows: boolean;
  /**
   * The `_creationTime` of each row the statement inserts, by id, when its `returning` shows it:
   * read back right after the write, before an after-hook can change or delete the row (the
   * write check reserves those reads with the writes); `null` when nothing reads them.
   */
  readonly creationTimes: Map<string, number> | null;
  /**
   * Changes whose before-hooks already ran, which the stages hook no more: an
   * upsert's own rows, its inserted rows hooked before their conflicts were
   * judged, its updates as their conflicts were resolved.
   */
  readonly beforeHooked?: ReadonlySet<RowChange>;
}

/** An insert change of `row`. */
export function insertChange(table: TableConfig, row: StoredRow, verifiedUniques?: ReadonlySet<string>): InsertChange {
  const change: InsertChange = { table, operation: 'insert', id: null, old: null, new: row };
  return verifiedUniques ? { ...change, verifiedUniques } : change;
}

/** An update change of `old` that writes `patch`. */
export function updateChange(table: TableConfig, old: Doc, patch: StoredRow): UpdateChange {
  return { table, operation: 'update', id: old._id, old, new: { ...old, ...patch }, patch };
}

/**
 * An inserted row as hooks and `returning` see it: the stored values with the
 * `_id` the write gave (no `_creationTime`, known only by reading the row back).
 * Copied key by key ({@link copyFields}), not `{ ...row, _id }`: this runs per inserted row.
 */
export function insertedRow(stored: StoredRow, id: GenericId<string>): Doc {
  const row = copyFields(stored);
  row._id = id;
  return row as Doc;
}

/** A delete change of `old`. */
export function deleteChange(table: TableConfig, old: Doc): DeleteChange {
  return { table, operation: 'delete', id: old._id, old, new: null };
}

/**
 * True when the change gives one of `fields` another value (an insert gives every field one). A
 * field an update writes with the value it holds (`set((row) => ({ ...row, title }))`) is not
 * changed: Postgres checks neither a foreign key nor a unique key whose values an update leaves
 * as they were, so a reference stored before its key was declared stays as it is, unread. Null
 * written over an absent field (or a field holding null removed) changes no key either.
 */
export function changesAny(change: RowChange, fields: readonly string[]): boolean {
  if (change.operation === 'insert') return true;
  if (change.operation === 'delete') return false;
  // A loop, not a `.some` callback: this runs per updated row of a table other tables reference.
  for (const field of fields) {
    if (!hasOwn(change.patch, field)) continue;
    // An absent field is null to every key (a row written before its column was added): null over it is no change.
    const written = (change.patch[field] ?? null) as Value;
    if (compareValues(written, (storedField(change.old, field) ?? null) as Value) !== 0) return true;
  }
  return false;
}

/**
 * How an error names a stored row (of `table`, when given): by id, unless rules
 * are on (the row may be one the caller cannot read, such as a row a cascade
 * reached; errors never echo it). The ids help debugging where nothing is hidden.
 */
export function storedRow(context: StatementContext, id: string, table?: string): string {
  if (table === undefined) return context.rules ? 'a row' : `row ${id}`;
  return context.rules ? `a "${table}" row` : `"${table}" row ${id}`;
}

/**
 * The values of `table`'s columns `fields` as the application reads them (a string-mode timestamp
 * as its ISO string, not its stored milliseconds), for an error to show ({@link shownKey}).
 */
export function readValues(table: TableConfig, fields: readonly string[], values: readonly unknown[]): unknown[] {
  return values.map((value, i) => {
    const column = columnOf(table, fields[i]!);
    return column ? decodeColumnValue(column.definition, value) : value;
  });
}

/**
 * How an error shows a key (`fields` holding `values`): `a = 1, b = "x"`, or under rules
 * only the fields, as the row may be one a cascade reached (and a hook rewrote) that the
 * caller cannot read.
 */
export function shownKey(context: StatementContext, fields: readonly string[], values: readonly unknown[]): string {
  return context.rules
    ? `(${fields.join(', ')})`
    : fields.map((field, i) => `${field} = ${describe(values[i] ?? null)}`).join(', ');
}
