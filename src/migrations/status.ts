import type { GenericQueryCtx } from 'convex/server';
import { type AggregateIndexStatus, aggregateStatuses } from '../aggregate/backfill.js';
import type { MigrationStatus } from '../schema/reservedTables.js';
import type { MigrationDirection } from './define.js';
import { type DriftIssue, detectDrift } from './drift.js';
import type { MigrationRuntime } from './runtime.js';
import { isPartiallyApplied, type MigrationStanding, standingOf } from './standing.js';
import {
  type DryRunProgress,
  getActiveRun,
  getLastFinishedRun,
  getRun,
  latestRuns,
  type RunDoc,
  readStates,
  type SampleDiff,
  type StateDoc,
} from './state.js';

/** Progress of one migration of a run. */
export interface MigrationProgress {
  migrationId: string;
  status: MigrationStatus;
  processed: number;
  changed: number;
  /** Dry runs: up to a few documents that would change. */
  samples?: SampleDiff[];
  lastError?: string;
  lastErrorDocumentId?: string;
  /**
   * The run started the migration over from its first document instead of resuming it: it was
   * edited (its checksum changed) since its last committed batch.
   */
  restarted?: true;
}

/** A run as status reports it. */
export interface RunView {
  runId: string;
  direction: MigrationDirection;
  status: MigrationStatus;
  dryRun: boolean;
  migrationIds: string[];
  currentIndex: number;
  chunks: number;
  batchSize: number | null;
  startedAt: number;
  updatedAt: number;
  completedAt: number | null;
  cancelRequested: boolean;
  lastError: string | null;
  lastErrorDocumentId: string | null;
  progress: MigrationProgress[];
}

/** What `status` answers. */
export interface StatusResult {
  /** The run in progress, if any. */
  activeRun: RunView | null;
  /** The run that finished last (its status, error and failing document), if any. */
  lastRun: RunView | null;
  /** The run asked for with `runId` (active or finished), for a CLI waiting on it. */
  run: RunView | null;
  applied: { migrationId: string; completedAt: number | null }[];
  /**
   * Migrations a down run reverted in part (it failed, was canceled, or is still running):
   * `migrate down` resumes the revert, `migrate up` re-applies the up step. `processed`
   * counts the documents the down step walked.
   */
  partiallyReverted: { migrationId: string; status: MigrationStatus; processed: number }[];
  /** Migrations `migrate up` would apply that are not partially reverted, in id order. */
  pending: string[];
  /**
   * The pending migrations that are partially applied (their up committed batches and did not
   * complete): `migrate up` resumes them, and `migrate down` of a migration under them is refused.
   */
  partiallyApplied: string[];
  /**
   * Partially applied migrations (their up committed batches and did not complete) whose file
   * left the manifest, in id order: their change sits on part of the documents, and `migrate
   * down` of a migration under them is refused until the file is restored and its up finished.
   */
  removedPartiallyApplied: string[];
  /**
   * Partially reverted migrations (their down committed batches and did not complete) whose file
   * left the manifest, in id order: their change sits on the documents the down did not reach,
   * and `migrate down` of a migration under them is refused until the file is restored and its
   * revert finished (or it is re-applied).
   */
  removedPartiallyReverted: string[];
  drift: DriftIssue[];
  /** Every aggregate index and whether its backfill is done (`ready`); others are served by the bounded scan. */
  aggregates: AggregateIndexStatus[];
  /** The latest failed runs, newest first. */
  failures: {
    runId: string;
    migrationId: string | null;
    error: string | null;
    documentId: string | null;
    at: number;
  }[];
}

/** How many failed runs `status` reports. */
const FAILURES_SHOWN = 5;

/** Bounded: reads the state documents (at most MAX_MIGRATIONS), four runs and a few failed runs. */
export async function readStatus(
  ctx: GenericQueryCtx<any>,
  runtime: MigrationRuntime,
  runId: string | undefined,
): Promise<StatusResult> {
  const states = await readStates(ctx.db);
  const byId = new Map(states.map((state) => [state.migrationId, state]));
  const active = await getActiveRun(ctx.db);
  const last = await getLastFinishedRun(ctx.db);
  const requested = runId === undefined ? null : await getRun(ctx.db, runId);
  const failed = await latestRuns(ctx.db, 'failed', FAILURES_SHOWN);
  const ids = runtime.migrations.entries.map((entry) => entry.migration.id);
  return {
    activeRun: active && viewRun(active, byId),
    lastRun: last && viewRun(last, byId),
    run: requested && viewRun(requested, byId),
    applied: withStanding(ids, byId, 'applied').map((migrationId) => ({
      migrationId,
      // States written before `appliedAt` was recorded: their up's completion, until a run is queued.
      completedAt: byId.get(migrationId)?.appliedAt ?? byId.get(migrationId)?.completedAt ?? null,
    })),
    partiallyReverted: withStanding(ids, byId, 'partially_reverted').map((migrationId) => {
      const state = byId.get(migrationId)!;
      return { migrationId, status: state.status, processed: state.processed };
    }),
    pending: withStanding(ids, byId, 'not_applied'),
    partiallyApplied: withStanding(ids, byId, 'not_applied').filter((id) => isPartiallyApplied(byId.get(id))),
    removedPartiallyApplied: removed(runtime, states, isPartiallyApplied),
    removedPartiallyReverted: removed(runtime, states, (state) => standingOf(state) === 'partially_reverted'),
    drift: detectDrift(runtime.migrations, states),
    aggregates: await aggregateStatuses(ctx.db, runtime.orm.schema.schema.registry.tables.values()),
    failures: failed.map((run) => ({
      runId: run.runId,
      migrationId: run.migrationIds[run.currentIndex] ?? null,
      error: run.lastError ?? null,
      documentId: run.lastErrorDocumentId ?? null,
      at: run.completedAt ?? run.updatedAt,
    })),
  };
}

/** The ids of the states `stands` holds for whose migrations left the manifest, in id order. */
function removed(
  runtime: MigrationRuntime,
  states: readonly StateDoc[],
  stands: (state: StateDoc) => boolean,
): string[] {
  return states
    .filter((state) => runtime.migrations.get(state.migrationId) === undefined && stands(state))
    .map((state) => state.migrationId)
    .sort();
}

/** The ids of the set whose migrations stand as `standing`, in set order. */
function withStanding(
  ids: readonly string[],
  states: ReadonlyMap<string, StateDoc>,
  standing: MigrationStanding,
): string[] {
  return ids.filter((id) => standingOf(states.get(id)) === standing);
}

function viewRun(run: RunDoc, states: ReadonlyMap<string, StateDoc>): RunView {
  return {
    runId: run.runId,
    direction: run.direction,
    status: run.status,
    dryRun: run.dryRun,
    migrationIds: run.migrationIds,
    currentIndex: run.currentIndex,
    chunks: run.chunks ?? 0,
    batchSize: run.batchSize ?? null,
    startedAt: run.startedAt,
    updatedAt: run.updatedAt,
    completedAt: run.completedAt ?? null,
    cancelRequested: run.cancelRequested,
    lastError: run.lastError ?? null,
    lastErrorDocumentId: run.lastErrorDocumentId ?? null,
    progress: run.migrationIds.map((migrationId, index) =>
      progressOf(run, index, migrationId, states.get(migrationId)),
    ),
  };
}

/**
 * A migration at or past the run's current index whose state a later run took: how this run left
 * it. One past the current index the run never reached: it ended (failed or canceled) with it queued.
 */
function ended(run: RunDoc, index: number, recorded: DryRunProgress | undefined): MigrationStatus {
  const over = run.status === 'completed' || run.status === 'failed' || run.status === 'canceled';
  if (index > run.currentIndex) return over ? 'canceled' : 'pending';
  return over && recorded !== undefined ? run.status : 'pending';
}

function progressOf(run: RunDoc, index: number, migrationId: string, state: StateDoc | undefined): MigrationProgress {
  if (run.dryRun) {
    const entry = run.report?.find((item) => item.migrationId === migrationId);
    const done = index < run.currentIndex || (run.status === 'dry_run' && index === run.currentIndex);
    const stopped = run.status === 'failed' || run.status === 'canceled';
    // Past its current migration, a dry run that stopped reached none: canceled, as a real run's.
    const later: MigrationStatus = stopped ? 'canceled' : 'pending';
    const status: MigrationStatus = done ? 'dry_run' : index === run.currentIndex ? run.status : later;
    return {
      migrationId,
      status,
      processed: entry?.processed ?? 0,
      changed: entry?.changed ?? 0,
      samples: entry?.samples ?? [],
    };
  }
  // A later run may have moved the state on: report it only while it belongs to this run, else
  // what the run recorded of the migration as its part ended (completed, failed or canceled).
  const own = state?.runId === run.runId;
  const recorded = own ? undefined : run.report?.find((item) => item.migrationId === migrationId);
  return {
    migrationId,
    status: own ? state!.status : index < run.currentIndex ? 'completed' : ended(run, index, recorded),
    processed: own ? state!.processed : (recorded?.processed ?? 0),
    changed: own ? (state!.changed ?? 0) : (recorded?.changed ?? 0),
    ...(own && state!.lastError ? { lastError: state!.lastError } : {}),
    ...(own && state!.lastErrorDocumentId ? { lastErrorDocumentId: state!.lastErrorDocumentId } : {}),
    ...(own && state!.restarted ? { restarted: true as const } : {}),
  };
}
