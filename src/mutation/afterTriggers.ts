import { readRow } from '../query/readRow.js';
import { QueryPromise } from '../queryPromise.js';
import { insertedRow, type RowChange } from './changes.js';
import { hooksOf, type TriggerScope } from './triggerScope.js';

const OWN_HOOK = { insert: 'afterInsert', update: 'afterUpdate', delete: 'afterDelete' } as const;

/**
 * The after-hooks of a statement's written changes, in change order: each
 * change's own hook (`afterInsert` / `afterUpdate` / `afterDelete`), then
 * `afterChange`. Rows come from the plan, decoded as queries return them: no
 * reads. A hook's writes through `ctx.db` are statements of their own.
 */
export async function runAfterTriggers(scope: TriggerScope | null, changes: readonly RowChange[]): Promise<void> {
  if (!scope) return;
  for (const change of changes) {
    const hooks = hooksOf(scope, change.table.name);
    const own = hooks?.[OWN_HOOK[change.operation]];
    const afterChange = hooks?.afterChange;
    if (!own && !afterChange) continue;
    const event = triggerChange(change);
    const ctx = scope.context(change.operation, change.table.name);
    // A missing hook is not awaited: a hook per row pays for the hooks it has.
    if (own) await settled(own(event, ctx));
    if (afterChange) await settled(afterChange(event, ctx));
  }
}

/**
 * What a hook returned, to await: a statement it returns unawaited (`(change,
 * ctx) => ctx.db.update(...)`) runs through `execute()`, not through its
 * `then`, which awaiting a thenable calls in a job of its own (two promises
 * more per hook).
 */
function settled(result: unknown): unknown {
  return result instanceof QueryPromise ? result.execute() : result;
}

/** True when a written change has an after-hook (its own or `afterChange`): otherwise the stage has nothing to run. */
export function hasAfterHooks(scope: TriggerScope | null, changes: readonly RowChange[]): boolean {
  if (!scope) return false;
  return changes.some((change) => {
    const hooks = hooksOf(scope, change.table.name);
    return hooks !== undefined && (hooks[OWN_HOOK[change.operation]] !== undefined || hooks.afterChange !== undefined);
  });
}

/** A written change as hooks see it (an insert's `new` has `_id`, not `_creationTime`). */
function triggerChange(change: RowChange): Record<string, unknown> {
  const { table, operation, id } = change;
  const old = change.old && readRow(table, change.old);
  const next = change.operation === 'insert' ? insertedRow(change.new, id!) : change.new;
  return { operation, id, old, new: next && readRow(table, next) };
}
