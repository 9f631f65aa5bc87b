import { isThenable } from '../isThenable.js';
import type { Doc } from '../query/readIndex.js';
import { executeAwaited, QueryPromise, settledFor } from '../queryPromise.js';
import type { RowChange } from './changes.js';
import { hookRow, hooksOf, type TriggerScope } from './triggerScope.js';

const OWN_HOOK = { insert: 'afterInsert', update: 'afterUpdate', delete: 'afterDelete' } as const;

/**
 * The after-hooks of a statement's written changes, in change order: each
 * change's own hook (`afterInsert` / `afterUpdate` / `afterDelete`), then
 * `afterChange`. Rows come from the plan, decoded as queries return them: no
 * reads. A hook's writes through `ctx.db` are statements of their own; the
 * stage settles once all of them settled, those a hook did not await too.
 */
export function runAfterTriggers(scope: TriggerScope | null, changes: readonly RowChange[]): Promise<void> {
  return scope ? scope.hooks(() => afterHooks(scope, changes)) : Promise.resolve();
}

async function afterHooks(scope: TriggerScope, changes: readonly RowChange[]): Promise<void> {
  for (const change of changes) {
    const hooks = hooksOf(scope, change.table.name);
    const own = hooks?.[OWN_HOOK[change.operation]];
    const afterChange = hooks?.afterChange;
    if (!own && !afterChange) continue;
    const ctx = scope.context(change.operation, change.table.name);
    // A missing hook is not awaited: a hook per row pays for the hooks it has. Each hook gets
    // its own event: what one edits in place reaches neither the next hook nor `returning()`.
    for (let i = 0; i < 2; i++) {
      const hook = i === 0 ? own : afterChange;
      if (!hook) continue;
      const result = hook(triggerChange(change), ctx);
      if (!(result instanceof QueryPromise)) {
        // A hook that returned no promise is done: awaiting its value would cost a promise per row.
        if (isThenable(result)) await result;
        continue;
      }
      // A statement the hook returns unawaited (`(change, ctx) => ctx.db.update(...)`) runs here,
      // not through its `then` (which awaiting a thenable calls in a job of its own, two promises
      // more per hook), and its writer's queue learns it settled from this await (one more).
      try {
        await result[executeAwaited]();
      } finally {
        result[settledFor]();
      }
    }
  }
}

/** True when a written change has an after-hook (its own or `afterChange`): otherwise the stage has nothing to run. */
export function hasAfterHooks(scope: TriggerScope | null, changes: readonly RowChange[]): boolean {
  if (!scope) return false;
  // A loop, not a `.some` callback: this runs on every statement (a hook's update, once per row).
  for (const change of changes) {
    const hooks = hooksOf(scope, change.table.name);
    if (hooks !== undefined && (hooks[OWN_HOOK[change.operation]] !== undefined || hooks.afterChange !== undefined)) {
      return true;
    }
  }
  return false;
}

/** A written change as a hook sees it (an insert's `new` has `_id`, not `_creationTime`), rows by {@link hookRow}. */
function triggerChange(change: RowChange): Record<string, unknown> {
  const { table, operation, id } = change;
  const old = change.old && hookRow(table, change.old);
  let next: Doc | null = null;
  if (change.new) next = operation === 'insert' ? hookRow(table, change.new, id!) : hookRow(table, change.new);
  return { operation, id, old, new: next };
}
