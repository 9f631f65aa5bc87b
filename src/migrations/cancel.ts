import type { GenericMutationCtx } from 'convex/server';
import { finishCanceled } from './chunk.js';
import { getActiveRun, getRun, patchStamped } from './state.js';

/** What `cancel` answers. */
export type CancelResult =
  | { status: 'cancel_requested'; runId: string }
  | { status: 'canceled'; runId: string }
  | { status: 'noop'; reason: string };

/**
 * Requests that the active run (or `runId`) stop after its current batch. When no chunk is
 * alive to see the request (its scheduled function failed or was canceled), the run is marked
 * `canceled` right away, so a stuck run never blocks the next one.
 */
export async function cancelRun(ctx: GenericMutationCtx<any>, runId: string | undefined): Promise<CancelResult> {
  const run = runId === undefined ? await getActiveRun(ctx.db) : await getRun(ctx.db, runId);
  if (run?.status !== 'running') {
    return { status: 'noop', reason: runId === undefined ? 'no active run' : `run '${runId}' is not running` };
  }
  const worker = run.workerId ? await ctx.db.system.get(run.workerId) : null;
  const alive = worker !== null && (worker.state.kind === 'pending' || worker.state.kind === 'inProgress');
  if (!alive) {
    await finishCanceled(ctx, run);
    return { status: 'canceled', runId: run.runId };
  }
  await patchStamped(ctx.db, run, { cancelRequested: true }, Date.now());
  return { status: 'cancel_requested', runId: run.runId };
}
