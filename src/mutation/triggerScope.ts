import { OrmError } from '../errors.js';
import type { AnyTableTriggers, TriggerContext, Triggers } from '../triggers/define.js';

/** The deepest chain of statements written by after-hooks (a statement's hooks write at its depth + 1). */
export const MAX_TRIGGER_DEPTH = 8;

/** How a statement reaches the ORM's triggers; absent when there are none or they are bypassed. */
export interface TriggerScope {
  readonly triggers: Triggers;
  /** 0 for a statement the app wrote, n for one written by a hook of depth n - 1. */
  readonly depth: number;
  /** The `ctx` of a hook: its `db` is an ORM writer one level deeper. */
  context(operation: TriggerContext['operation'], table: string): TriggerContext;
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
