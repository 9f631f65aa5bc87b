import type { TableConfig, UniqueConfig } from '../schema/table.js';
import type { StatementContext } from './changes.js';
import type { Doc } from './reader.js';
import { findConflict, uniqueKey, uniqueViolation } from './unique.js';
import type { StoredRow } from './values.js';

/** The row holding a unique key: one the statement wrote, or a stored row it has not touched. */
export type KeyHolder =
  | { readonly written: true; readonly row: StoredRow }
  | { readonly written: false; readonly row: Doc };

/**
 * One table as an upsert has left it so far, before anything is written.
 * Postgres resolves `ON CONFLICT` row by row: each proposed row sees the rows
 * inserted and updated by the rows before it, and its unique keys are checked
 * then. This holds those rows by unique key; stored rows come from the
 * statement's reader, minus the ones the statement has updated.
 */
export class RowsSoFar {
  private readonly byKey = new Map<UniqueConfig, Map<string, StoredRow>>();
  private readonly updated = new Set<string>();

  constructor(
    private readonly context: StatementContext,
    private readonly table: TableConfig,
  ) {
    for (const constraint of table.uniques) this.byKey.set(constraint, new Map());
  }

  /** The row that holds `row`'s key for `constraint` now, other than the row `self`; `null` when none. */
  async holder(constraint: UniqueConfig, row: StoredRow, self?: string): Promise<KeyHolder | null> {
    const key = uniqueKey(constraint, row);
    if (key === null) return null;
    const written = this.byKey.get(constraint)!.get(key);
    if (written) return { written: true, row: written };
    const superseded = self === undefined ? this.updated : new Set([...this.updated, self]);
    const stored = await findConflict(this.context, this.table, constraint, row, superseded);
    return stored && { written: false, row: stored };
  }

  /** Throws `UNIQUE_VIOLATION` when another row holds one of `row`'s keys for `constraints`. */
  async verifyFree(constraints: readonly UniqueConfig[], row: StoredRow, self?: string): Promise<void> {
    for (const constraint of constraints) {
      const holder = await this.holder(constraint, row, self);
      if (!holder) continue;
      const other = holder.written ? 'another row of the same statement' : `existing row ${holder.row._id}`;
      throw uniqueViolation(this.table, constraint, row, other);
    }
  }

  /** Records an inserted row, or the new version of an updated stored row. */
  add(row: StoredRow, replaces?: Doc): void {
    if (replaces) this.updated.add(replaces._id);
    for (const [constraint, rows] of this.byKey) {
      const key = uniqueKey(constraint, row);
      if (key !== null) rows.set(key, row);
    }
  }
}
