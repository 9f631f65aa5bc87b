import type { AnyColumn, Column } from './column.js';

/** How `delete` removes rows of a table (see {@link deletion}). */
export type DeletionMode = 'soft' | 'scheduled';

/** A table's deletion, resolved: the column a delete sets, and for `scheduled` the delay of the hard delete. */
export interface DeletionConfig {
  readonly mode: DeletionMode;
  readonly column: string;
  /** The delay of the hard delete; 0 for `soft`, which schedules none. */
  readonly delayMs: number;
}

/**
 * A column that can hold the deletion time, as `planTableIndexes` checks it
 * when the table is defined: a nullable `timestamp()`, `number()` or
 * `integer()` without a default or update function (null on live rows). A
 * plain type, so a call instantiates nothing.
 */
export type DeletionColumn = Column<
  { data: unknown; notNull: false; hasDefault: false; kind: 'timestamp' | 'number' | 'integer' },
  string,
  string
>;

/** `deletion('soft', ...)` in a table's config. */
export class DeletionDefinition {
  readonly kind = 'deletion';
  constructor(
    readonly config: {
      readonly mode: DeletionMode;
      readonly column: AnyColumn | undefined;
      /** As given: `planTableIndexes` checks it (`scheduled` needs one). */
      readonly delayMs: number | undefined;
    },
  ) {}
}

/**
 * Soft or scheduled delete for a table, in its config callback:
 * `deletion('soft', { column: t.deletedAt })` makes `delete` set the column
 * (a nullable `timestamp()`, `number()` or `integer()`) to `Date.now()`,
 * and every read skip rows where it is set, unless `withDeleted: true`.
 * `deletion('scheduled', { column, delayMs })` also hard-deletes the rows
 * (with their cascades) `delayMs` later, unless they were restored
 * (the column set back to `null`). `db.delete(t).hard()` removes rows at once.
 */
export function deletion(mode: 'soft', options: { column: DeletionColumn }): DeletionDefinition;
export function deletion(mode: 'scheduled', options: { column: DeletionColumn; delayMs: number }): DeletionDefinition;
export function deletion(
  mode: DeletionMode,
  options: { column: DeletionColumn; delayMs?: number },
): DeletionDefinition {
  return new DeletionDefinition({ mode, column: options?.column, delayMs: options?.delayMs });
}
