import type { FilterNode } from '../filter/tree.js';
import type { AnyTable } from '../schema/table.js';

/** How a joined table's rows pair with the rows so far. */
export type JoinKind = 'inner' | 'left' | 'right' | 'full';

/** One `.innerJoin(table, on)` / `.leftJoin(...)` call, as given. */
export interface JoinCall {
  readonly kind: JoinKind;
  readonly table: AnyTable;
  readonly on: unknown;
}

/**
 * What a select builder has been told, unvalidated (Kysely-style: each
 * method returns a new builder with a new state). `parseSelect` turns it
 * into the normalized tree the executor runs.
 */
export interface SelectState {
  /** `select({ ... })`'s fields, or undefined for whole rows. */
  readonly fields: Readonly<Record<string, unknown>> | undefined;
  readonly distinct: boolean;
  readonly from: AnyTable;
  readonly joins: readonly JoinCall[];
  /**
   * Present once `.where()` was called (its argument may be anything the user passed); `of`
   * `'$count'` when it is `db.$count`'s filter, which reads only the counted table (nothing joins).
   */
  readonly where?: { readonly filter: unknown; readonly of?: '$count' };
  /**
   * In place of `where`, a filter of the `from` table already parsed (unqualified fields): an
   * embedded `$count`'s, its row's values bound, its where-object's relation filters included.
   */
  readonly parsedWhere?: FilterNode;
  readonly orderBy: readonly unknown[];
  readonly groupBy: readonly unknown[];
  readonly having?: { readonly filter: unknown };
  readonly limit?: unknown;
  readonly offset?: unknown;
  /** Soft-deleted rows of every table of the select are included (`.withDeleted()`). */
  readonly withDeleted?: boolean;
  /**
   * Set on a prepared select's execution: the values of its placeholders as given (checked against
   * `names`, the placeholders it uses), and the select's name in messages.
   */
  readonly prepared?: { readonly values: unknown; readonly names: ReadonlySet<string>; readonly label: string };
}
