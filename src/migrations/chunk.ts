import type { GenericMutationCtx, TransactionLimits } from 'convex/server';
import type { MetricsSource } from '../limits/transactionMetrics.js';
import {
  type BatchResult,
  dryRunBatchResult,
  errorMessage,
  failedDocumentId,
  fittingBatchSize,
  recordedMessage,
  shortPageSize,
} from './batch.js';
import type { ChunkArgs, MigrationRuntime } from './runtime.js';
import { type DryRunProgress, getRun, getState, patchStamped, type RunDoc, type StateDoc } from './state.js';

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
  if (args.failure) {
    // The failure of the chunk before, which could not record it (see failRun).
    if (run.status === 'running' || run.status === 'failed') await recordFailure(ctx, run, args.failure);
    return { status: 'failed' };
  }
  if (run.status !== 'running') return { status: run.status };
  if (run.cancelRequested) {
    await finishCanceled(ctx, run);
    return { status: 'canceled' };
  }
  let result: BatchResult;
  let report = run.report;
  try {
    const batchArgs: ChunkArgs = { runId, batch: true, runDocId: run._id };
    if (args.stateDocId) batchArgs.stateDocId = args.stateDocId;
    if (args.batchSize) batchArgs.batchSize = args.batchSize;
    if (args.pageSize) batchArgs.pageSize = args.pageSize;
    const limits = await batchLimits(ctx.meta);
    result = await ctx.runMutation(
      runtime.self.runChunk,
      batchArgs,
      ...((limits ? [{ transactionLimits: limits }] : []) as []),
    );
  } catch (error) {
    const dry = dryRunBatchResult(error);
    const fitting = dry ? undefined : fittingBatchSize(error);
    const pageSize = dry ? undefined : shortPageSize(error);
    if (fitting || pageSize) {
      // Nothing of the batch persisted: the next chunk takes the same documents in smaller batches,
      // or (pageSize) ends its page earlier and goes on at the batch size it had.
      const batchSize = fitting ?? args.batchSize;
      result = { isDone: false, processed: 0, changed: 0, ...(batchSize ? { batchSize } : {}) };
      if (pageSize) result.pageSize = pageSize;
      if (args.stateDocId) result.stateDocId = args.stateDocId;
    } else if (!dry) {
      await failRun(ctx, runtime, run, failureOf(error));
      return { status: 'failed' };
    } else {
      result = dry;
      report = upsertProgress(run.report ?? [], dry.progress);
    }
  }
  // A migration this run finished: its counts kept on the run (a later run of it moves its state on).
  if (result.isDone && result.totals) {
    report = upsertProgress(report ?? [], progressOf(run.migrationIds[run.currentIndex]!, result.totals));
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

/**
 * The next chunk's arguments: the run's document, and while the migration goes on its state
 * document, the smaller batch size it shrank to, if it did, and the shorter page of a batch
 * retried to end before a document it changed in its range.
 */
function nextChunkArgs(run: RunDoc, result: BatchResult): ChunkArgs {
  const args: ChunkArgs = { runId: run.runId, runDocId: run._id };
  if (result.isDone) return args;
  if (result.stateDocId) args.stateDocId = result.stateDocId;
  if (result.batchSize) args.batchSize = result.batchSize;
  if (result.pageSize) args.pageSize = result.pageSize;
  return args;
}

function upsertProgress(report: DryRunProgress[], progress: DryRunProgress): DryRunProgress[] {
  return [...report.filter((entry) => entry.migrationId !== progress.migrationId), progress];
}

/**
 * The run's `report` with the counts of `state`, its current migration's, while the state is still
 * this run's: what `status` reports of the run once a later run takes the state over (a `down`
 * after the `up`, an `up` resuming a failed or canceled run).
 */
function withOwnProgress(run: RunDoc, state: StateDoc | null | undefined): DryRunProgress[] | undefined {
  if (!state || state.runId !== run.runId) return run.report;
  const totals = { processed: state.processed, changed: state.changed ?? 0 };
  return upsertProgress(run.report ?? [], progressOf(state.migrationId, totals));
}

/** A migration's counts as a run keeps them (a run's `report`, as a dry run's progress). */
function progressOf(migrationId: string, totals: { processed: number; changed: number }): DryRunProgress {
  return { migrationId, cursor: null, ...totals, samples: [] };
}

/**
 * What the chunk keeps back from its batch (a nested transaction): its own reads and writes
 * after the batch (the run's document, the migration's state, the next chunk), so that a batch
 * that takes everything it is allowed still leaves room to record its outcome.
 */
const CHUNK_RESERVE = {
  documentsRead: 16,
  bytesRead: 3 * 1024 * 1024,
  databaseQueries: 16,
  documentsWritten: 8,
  bytesWritten: 3 * 1024 * 1024,
  functionsScheduled: 2,
  scheduledFunctionArgsBytes: 64 * 1024,
} as const;

/**
 * The batch's transaction limits: what the chunk's transaction has left, less
 * {@link CHUNK_RESERVE}; `undefined` where Convex does not report its metrics (older versions,
 * which also ignore nested limits: there a failure the chunk cannot record is scheduled, see {@link failRun}).
 */
async function batchLimits(meta: MetricsSource | undefined): Promise<TransactionLimits | undefined> {
  if (typeof meta?.getTransactionMetrics !== 'function') return undefined;
  let metrics: Record<string, { remaining: number }>;
  try {
    metrics = await meta.getTransactionMetrics();
  } catch {
    return undefined;
  }
  const limits: Record<string, number> = {};
  for (const [name, reserve] of Object.entries(CHUNK_RESERVE)) {
    const remaining = metrics[name]?.remaining;
    // At most a quarter of what is left: a deployment with lower limits still leaves its batch the most.
    if (typeof remaining === 'number' && remaining > 0) {
      limits[name] = Math.max(1, remaining - Math.min(reserve, Math.floor(remaining / 4)));
    }
  }
  return limits;
}

/** A batch's failure as the run records it. */
type Failure = NonNullable<ChunkArgs['failure']>;

function failureOf(error: unknown): Failure {
  const documentId = failedDocumentId(error);
  return {
    lastError: recordedMessage(errorMessage(error)),
    ...(documentId ? { lastErrorDocumentId: documentId } : {}),
  };
}

/**
 * Records a failed batch. When the chunk's own transaction cannot (the batch took a limit that
 * the chunk shares, on a Convex without nested limits), a chunk of its own records it: a run
 * never stays `running` with its error lost.
 */
async function failRun(ctx: GenericMutationCtx<any>, runtime: MigrationRuntime, run: RunDoc, failure: Failure) {
  try {
    await recordFailure(ctx, run, failure);
  } catch {
    await ctx.scheduler.runAfter(0, runtime.self.runChunk, { runId: run.runId, runDocId: run._id, failure });
  }
}

/**
 * Ends a run as `failed` with the batch's error, on the run and on its current migration's state.
 * The migrations after it, which the run queued and will not reach, are marked `canceled`.
 */
async function recordFailure(ctx: GenericMutationCtx<any>, run: RunDoc, failure: Failure): Promise<void> {
  const now = Date.now();
  const [state, ...later] = await unfinishedStates(ctx, run);
  const report = withOwnProgress(run, state);
  await patchStamped(
    ctx.db,
    run,
    { status: 'failed', completedAt: now, workerId: undefined, ...failure, ...(report ? { report } : {}) },
    now,
  );
  // Only while the state is this run's: a failure recorded late (failRun) must not mark a later run's.
  if (state?.runId === run.runId) await patchStamped(ctx.db, state, { status: 'failed', ...failure }, now);
  await cancelQueued(ctx, run, later, now);
}

/** Ends a run as `canceled`: its current migration keeps its cursor (a later run resumes there). */
export async function finishCanceled(ctx: GenericMutationCtx<any>, run: RunDoc): Promise<void> {
  const now = Date.now();
  const states = await unfinishedStates(ctx, run);
  const report = withOwnProgress(run, states[0]);
  await patchStamped(
    ctx.db,
    run,
    { status: 'canceled', completedAt: now, workerId: undefined, ...(report ? { report } : {}) },
    now,
  );
  await cancelQueued(ctx, run, states, now);
}

/**
 * The states of the migrations the run had not finished, by position from its current one (a
 * dry run keeps none): `undefined` where a migration has no state.
 */
async function unfinishedStates(ctx: GenericMutationCtx<any>, run: RunDoc): Promise<(StateDoc | undefined)[]> {
  const states: (StateDoc | undefined)[] = [];
  for (const migrationId of run.dryRun ? [] : run.migrationIds.slice(run.currentIndex)) {
    states.push((await getState(ctx.db, migrationId)) ?? undefined);
  }
  return states;
}

/** Marks `canceled` the states the run still holds and did not complete (a later run may have taken one). */
async function cancelQueued(
  ctx: GenericMutationCtx<any>,
  run: RunDoc,
  states: readonly (StateDoc | undefined)[],
  now: number,
): Promise<void> {
  for (const state of states) {
    if (state && state.runId === run.runId && state.status !== 'completed') {
      await patchStamped(ctx.db, state, { status: 'canceled' }, now);
    }
  }
}
