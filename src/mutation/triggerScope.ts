import type { GenericId } from 'convex/values';
import { OrmError } from '../errors.js';
import type { Doc } from '../query/readIndex.js';
import { readRow } from '../query/readRow.js';
import { ownValue } from '../schema/ownValue.js';
import type { TableConfig } from '../schema/table.js';
import type { AnyTableTriggers, TriggerContext, Triggers } from '../triggers/define.js';
import { insertedRow } from './changes.js';

/** The deepest chain of statements written by after-hooks (a statement's hooks write at its depth + 1). */
export const MAX_TRIGGER_DEPTH = 8;

/** How a statement reaches the ORM's triggers; absent when there are none or they are bypassed. */
export interface TriggerScope {
  readonly triggers: Triggers;
  /** 0 for a statement the app wrote, n for one written by a hook of depth n - 1. */
  readonly depth: number;
  /** The `ctx` of a hook: its `db` is an ORM writer one level deeper. */
  context(operation: TriggerContext['operation'], table: string): TriggerContext;
  /**
   * Runs a statement's hooks (`run` calls them): what their `ctx.db` starts meanwhile queues on
   * the level's own lock, and the statement goes on once all of it settled (`settleAfterQueue`).
   */
  hooks<T>(run: () => Promise<T>): Promise<T>;
}

/** The hooks of `table`, or undefined. */
export function hooksOf(scope: TriggerScope | null, table: string): AnyTableTriggers | undefined {
  return scope?.triggers.byTable.get(table);
}

/** Throws `TRIGGER_DEPTH_EXCEEDED` for a statement written deeper than {@link MAX_TRIGGER_DEPTH} hooks down. */
export function checkTriggerDepth(scope: TriggerScope | null, table: string): void {
  if (!scope || scope.depth <= MAX_TRIGGER_DEPTH) return;
  throw new OrmError(
    'TRIGGER_DEPTH_EXCEEDED',
    `A write to "${table}" is ${scope.depth} trigger levels deep (at most ${MAX_TRIGGER_DEPTH}); triggers are writing each other in a loop. Stop the chain with a condition in the hook.`,
    { table, details: { depth: scope.depth } },
  );
}

/**
 * A row of the plan as a hook gets it: read as queries return it, and a copy,
 * nested values included. A hook changes rows by returning values (before) or
 * writing (after); one editing its rows in place reaches neither the plan, its
 * checks, the statement's `returning()` rows nor the next hook. With `id`, an
 * inserted row's: the copy has the `_id` its write gave (no `_creationTime`).
 */
export function hookRow(table: TableConfig, row: Doc, id?: GenericId<string>): Doc {
  const read = readRow(table, row);
  // readRow copies when it changes a field (or leaves out one the table does not declare): one copy
  // either way (an inserted row's made key by key, `insertedRow`), then only object values are walked.
  const copy = id !== undefined ? insertedRow(read, id) : read === row ? { ...row } : read;
  for (const field in copy) {
    const value = copy[field];
    if (typeof value === 'object' && value !== null) copy[field] = ownValue(value);
  }
  return copy;
}
