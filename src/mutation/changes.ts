import type { GenericDatabaseWriter } from 'convex/server';
import type { SchemaRegistry } from '../schema/registry.js';
import type { TableConfig } from '../schema/table.js';
import type { Doc, StatementReader } from './reader.js';
import type { StoredRow } from './values.js';

/** A row to insert. `verifiedUniques` names constraints already looked up (upsert targets). */
export interface InsertChange {
  readonly kind: 'insert';
  readonly table: TableConfig;
  readonly row: StoredRow;
  readonly verifiedUniques?: ReadonlySet<string>;
}

/** A patch of an existing row; `after` is the row as it will be stored. */
export interface PatchChange {
  readonly kind: 'patch';
  readonly table: TableConfig;
  readonly before: Doc;
  patch: StoredRow;
  after: Doc;
}

/** A row to delete. */
export interface DeleteChange {
  readonly kind: 'delete';
  readonly table: TableConfig;
  readonly before: Doc;
}

/** One row-level change of a statement, planned before anything is written. */
export type Change = InsertChange | PatchChange | DeleteChange;

/** What a statement needs while it plans, checks and writes. */
export interface StatementContext {
  readonly db: GenericDatabaseWriter<any>;
  readonly registry: SchemaRegistry;
  readonly reader: StatementReader;
  /** The most rows one statement may write, cascades included. */
  readonly rowCap: number;
}

/** A patch change of `before`. */
export function patchChange(table: TableConfig, before: Doc, patch: StoredRow): PatchChange {
  return { kind: 'patch', table, before, patch, after: { ...before, ...patch } };
}

/** The stored row a change leaves behind (`null` for a delete). */
export function rowAfter(change: Change): StoredRow | null {
  switch (change.kind) {
    case 'insert':
      return change.row;
    case 'patch':
      return change.after;
    case 'delete':
      return null;
  }
}

/** True when the change writes one of `fields` (inserts write every field). */
export function writesAny(change: Change, fields: readonly string[]): boolean {
  if (change.kind === 'insert') return true;
  if (change.kind === 'delete') return false;
  return fields.some((field) => field in change.patch);
}
