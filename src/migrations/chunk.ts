import type { GenericMutationCtx } from 'convex/server';
import { type BatchResult, dryRunBatchResult, errorMessage, failedDocumentId } from './batch.js';
import type { ChunkArgs, MigrationRuntime } from './runtime.js';
import { type DryRunProgress, getRun, getState, patchStamped, type RunDoc } from './state.js';

/** What a chunk did, for logs and tests. */
export type ChunkResult = { status: RunDoc['status'] | 'missing' };

/**
 * One scheduled step of a run. Applies one batch through a nested `runMutation` (so the batch's
 * writes and its cursor advance commit together, or roll back together), then records the
 * outcome on the run and schedules the next chunk. A cancel request is honoured between batches.
 */
export async function runChunk(
  ctx: GenericMutationCtx<any>,
  runtime: MigrationRuntime,
  args: ChunkArgs,
): Promise<ChunkResult> {
  const { runId } = args;
  const run = await getRun(ctx.db, runId, args.runDocId);
  if (!run) return { status: 'missing' };
  if (run.status !== 'running') return { status: run.status };
  if (run.cancelRequested) {
    await finishCanceled(ctx, run);
    return { status: 'canceled' };
  }
  let result: BatchResult;
  let report = run.report;
  try {
    const batchArgs = { runId, batch: true, runDocId: run._id };
    result = await ctx.runMutation(
      runtime.self.runChunk,
      args.stateDocId ? { ...batchArgs, stateDocId: args.stateDocId } : batchArgs,
    );
  } catch (error) {
    const dry = dryRunBatchResult(error);
    if (!dry) {
      await recordFailure(ctx, run, error);
      return { status: 'failed' };
    }
    result = dry;
    report = upsertProgress(run.report ?? [], dry.progress);
  }
  const currentIndex = result.isDone ? run.currentIndex + 1 : run.currentIndex;
  const finished = currentIndex >= run.migrationIds.length;
  const now = Date.now();
  await patchStamped(
    ctx.db,
    run,
    {
      chunks: (run.chunks ?? 0) + 1,
      currentIndex: finished ? run.currentIndex : currentIndex,
      ...(report ? { report } : {}),
      ...(finished
        ? { status: run.dryRun ? 'dry_run' : 'completed', completedAt: now, workerId: undefined }
        : { workerId: await ctx.scheduler.runAfter(0, runtime.self.runChunk, nextChunkArgs(run, result)) }),
    },
    now,
  );
  return { status: finished ? (run.dryRun ? 'dry_run' : 'completed') : 'running' };
}

/** The next chunk's arguments: the run's document, and its migration's state document while the migration goes on. */
function nextChunkArgs(run: RunDoc, result: BatchResult): ChunkArgs {
  const args = { runId: run.runId, runDocId: run._id };
  return result.stateDocId && !result.isDone ? { ...args, stateDocId: result.stateDocId } : args;
}

function upsertProgress(report: DryRunProgress[], progress: DryRunProgress): DryRunProgress[] {
  return [...report.filter((entry) => entry.migrationId !== progress.migrationId), progress];
}

async function recordFailure(ctx: GenericMutationCtx<any>, run: RunDoc, error: unknown): Promise<void> {
  const now = Date.now();
  const message = errorMessage(error);
  const documentId = failedDocumentId(error);
  const failure = { lastError: message, ...(documentId ? { lastErrorDocumentId: documentId } : {}) };
  await patchStamped(ctx.db, run, { status: 'failed', completedAt: now, workerId: undefined, ...failure }, now);
  if (run.dryRun) return;
  const state = await getState(ctx.db, run.migrationIds[run.currentIndex]!);
  if (state) await patchStamped(ctx.db, state, { status: 'failed', ...failure }, now);
}

/** Ends a run as `canceled`: its current migration keeps its cursor (a later run resumes there). */
export async function finishCanceled(ctx: GenericMutationCtx<any>, run: RunDoc): Promise<void> {
  const now = Date.now();
  await patchStamped(ctx.db, run, { status: 'canceled', completedAt: now, workerId: undefined }, now);
  if (run.dryRun) return;
  for (const migrationId of run.migrationIds.slice(run.currentIndex)) {
    const state = await getState(ctx.db, migrationId);
    if (state && state.runId === run.runId && state.status !== 'completed') {
      await patchStamped(ctx.db, state, { status: 'canceled' }, now);
    }
  }
}
