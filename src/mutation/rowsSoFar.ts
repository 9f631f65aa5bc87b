import type { TableConfig, UniqueConfig } from '../schema/table.js';
import { type StatementContext, storedRow } from './changes.js';
import type { Doc } from './reader.js';
import {
  findConflict,
  probeRanges,
  SAME_STATEMENT,
  spanFits,
  storedByKey,
  uniqueKey,
  uniqueViolation,
} from './unique.js';
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
  /** The stored rows of the constraints read ahead as one span, by key. */
  private readonly spanned = new Map<UniqueConfig, Map<string, Doc[]>>();
  /** Which key of a span read ahead each stored row (by id) is held under there. */
  private readonly spannedKeys = new Map<UniqueConfig, Map<string, string>>();

  constructor(
    private readonly context: StatementContext,
    private readonly table: TableConfig,
  ) {
    for (const constraint of table.uniques) this.byKey.set(constraint, new Map());
  }

  /**
   * Reads ahead the stored holders of the proposed `rows`' keys: one span
   * range per constraint whose per-row lookups' ranges ({@link probeRanges}), with those of the constraints
   * before it, would take more than half the ranges left (as `verifyUniques`
   * does for inserts). Other keys, and values a `set` patch makes, are looked
   * up one range each when asked.
   */
  async readAhead(rows: readonly StoredRow[]): Promise<void> {
    let planned = 0;
    for (const constraint of this.table.uniques) {
      const probes = rows.filter((row) => uniqueKey(constraint, row) !== null);
      if (spanFits(this.context, constraint, probes, planned)) {
        const byKey = await storedByKey(this.context, this.table, constraint, probes);
        const keys = new Map<string, string>();
        for (const [key, docs] of byKey) for (const doc of docs) keys.set(doc._id, key);
        this.spanned.set(constraint, byKey);
        this.spannedKeys.set(constraint, keys);
      } else {
        planned += probeRanges(constraint, probes);
      }
    }
  }

  /**
   * Takes in the stored rows of its table a hook wrote since they were read (`ids`; all of them
   * when not known: `null`), so that later lookups see them as they are now: a key the hook took is
   * held, one it freed is free. With spans read ahead, each row is read again, one `get`, and put
   * under its key in them; the reader forgets its lookups, which later rows read afresh. The
   * statement's own rows stay as they are.
   */
  async refresh(ids: readonly string[] | null): Promise<void> {
    this.context.reader.forget();
    if (ids === null) {
      this.spanned.clear();
      this.spannedKeys.clear();
      return;
    }
    // Nothing read ahead: later rows look their keys up afresh, and the written rows are not read.
    if (this.spanned.size === 0) return;
    for (const id of ids) {
      const doc = (await this.context.db.get(this.table.name, id as never)) as Doc | null;
      for (const [constraint, byKey] of this.spanned) {
        const keys = this.spannedKeys.get(constraint)!;
        const held = keys.get(id);
        if (held !== undefined) {
          const docs = byKey.get(held)!;
          docs.splice(
            docs.findIndex((stored) => stored._id === id),
            1,
          );
          keys.delete(id);
        }
        const key = doc && uniqueKey(constraint, doc);
        const docs = key === null ? undefined : byKey.get(key);
        if (!docs) continue;
        docs.push(doc!);
        keys.set(id, key!);
      }
    }
  }

  /** The row that holds `row`'s key for `constraint` now, or `null` when none does. */
  async holder(constraint: UniqueConfig, row: StoredRow): Promise<KeyHolder | null> {
    const key = uniqueKey(constraint, row);
    if (key === null) return null;
    const written = this.byKey.get(constraint)!.get(key);
    if (written) return { written: true, row: written };
    const readAhead = this.spanned.get(constraint)?.get(key);
    const stored = readAhead
      ? (readAhead.find((doc) => !this.updated.has(doc._id)) ?? null)
      : await findConflict(this.context, this.table, constraint, row, this.updated);
    return stored && { written: false, row: stored };
  }

  /** Inserts `row`; throws `UNIQUE_VIOLATION` when another row holds its key for one of `constraints`. */
  async insert(row: StoredRow, constraints: readonly UniqueConfig[]): Promise<void> {
    await this.verifyFree(constraints, row, true);
    this.remember(row);
  }

  /** Replaces the stored row `before` by `after`, checking `after`'s keys for `constraints` the same way. */
  async update(before: Doc, after: StoredRow, constraints: readonly UniqueConfig[]): Promise<void> {
    this.updated.add(before._id);
    await this.verifyFree(constraints, after, false);
    this.remember(after);
  }

  private async verifyFree(constraints: readonly UniqueConfig[], row: StoredRow, inserting: boolean): Promise<void> {
    for (const constraint of constraints) {
      const holder = await this.holder(constraint, row);
      if (!holder) continue;
      const other = holder.written ? SAME_STATEMENT : `${storedRow(this.context, holder.row._id)} already stored`;
      throw uniqueViolation(this.context, this.table, constraint, row, other, inserting ? 'insert' : 'update');
    }
  }

  private remember(row: StoredRow): void {
    for (const [constraint, rows] of this.byKey) {
      const key = uniqueKey(constraint, row);
      if (key !== null) rows.set(key, row);
    }
  }
}
