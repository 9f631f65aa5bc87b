import type { TableConfig, UniqueConfig } from '../schema/table.js';
import { type StatementContext, storedRow } from './changes.js';
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

  /** The row that holds `row`'s key for `constraint` now, or `null` when none does. */
  async holder(constraint: UniqueConfig, row: StoredRow): Promise<KeyHolder | null> {
    const key = uniqueKey(constraint, row);
    if (key === null) return null;
    const written = this.byKey.get(constraint)!.get(key);
    if (written) return { written: true, row: written };
    const stored = await findConflict(this.context, this.table, constraint, row, this.updated);
    return stored && { written: false, row: stored };
  }

  /** Inserts `row`; throws `UNIQUE_VIOLATION` when another row holds its key for one of `constraints`. */
  async insert(row: StoredRow, constraints: readonly UniqueConfig[]): Promise<void> {
    await this.verifyFree(constraints, row);
    this.remember(row);
  }

  /** Replaces the stored row `before` by `after`, checking `after`'s keys for `constraints` the same way. */
  async update(before: Doc, after: StoredRow, constraints: readonly UniqueConfig[]): Promise<void> {
    this.updated.add(before._id);
    await this.verifyFree(constraints, after);
    this.remember(after);
  }

  private async verifyFree(constraints: readonly UniqueConfig[], row: StoredRow): Promise<void> {
    for (const constraint of constraints) {
      const holder = await this.holder(constraint, row);
      if (!holder) continue;
      const other = holder.written
        ? 'another row of the same statement'
        : `${storedRow(this.context, holder.row._id)} already stored`;
      throw uniqueViolation(this.table, constraint, row, other);
    }
  }

  private remember(row: StoredRow): void {
    for (const [constraint, rows] of this.byKey) {
      const key = uniqueKey(constraint, row);
      if (key !== null) rows.set(key, row);
    }
  }
}
