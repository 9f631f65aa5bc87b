import type { GenericMutationCtx } from 'convex/server';
import { checkBatchSize } from './batchSize.js';
import type { Migration, MigrationDirection } from './define.js';
import { type DriftIssue, detectDrift } from './drift.js';
import { buildPlan } from './plan.js';
import type { MigrationRuntime } from './runtime.js';
import { isSameCode } from './set.js';
import { recordedStanding } from './standing.js';
import { getActiveRun, patchStamped, readStates, type StateDoc } from './state.js';

/** Arguments of `run` (what `migrate up` / `migrate down` send). */
export type RunArgs = {
  direction: MigrationDirection;
  /** Down only: roll back the last `steps` applied migrations (default 1). */
  steps?: number;
  /** Down only: roll back every migration applied after this id. */
  to?: string;
  /** Walk the tables and report what would change, writing nothing. */
  dryRun?: boolean;
  /** Run although applied migrations drifted (an emergency override). */
  allowDrift?: boolean;
  /** Documents per batch for every step of the run, over each step's own `batchSize` (the CLI's `--batch-size`). */
  batchSize?: number;
  /** Documents per batch for steps without their own `batchSize` (the CLI's configured default). */
  defaultBatchSize?: number;
};

/** What `run` answers. */
export type RunResult =
  | { status: 'running'; runId: string; migrationIds: string[]; dryRun: boolean; alreadyActive: boolean }
  | { status: 'noop'; reason: string }
  | { status: 'drift_blocked'; drift: DriftIssue[] };

/**
 * Starts a run: checks drift, plans, records the run and its migrations as `pending`, and
 * schedules the first chunk. While a run is active, returns that run instead of starting one.
 */
export async function startRun(
  ctx: GenericMutationCtx<any>,
  runtime: MigrationRuntime,
  args: RunArgs,
): Promise<RunResult> {
  checkBatchSize(args.batchSize, 'batchSize (--batch-size)');
  checkBatchSize(args.defaultBatchSize, 'defaultBatchSize');
  const active = await getActiveRun(ctx.db);
  if (active) {
    return {
      status: 'running',
      runId: active.runId,
      migrationIds: active.migrationIds,
      dryRun: active.dryRun,
      alreadyActive: true,
    };
  }
  const states = await readStates(ctx.db);
  const drift = detectDrift(runtime.migrations, states);
  if (drift.length > 0 && !args.allowDrift) return { status: 'drift_blocked', drift };

  const plan = buildPlan(runtime.migrations, states, args);
  if (plan.length === 0) {
    return { status: 'noop', reason: noopReason(args) };
  }
  const now = Date.now();
  const runId = `mr_${now.toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const byId = new Map(states.map((state) => [state.migrationId, state]));
  if (!args.dryRun) {
    for (const migration of plan)
      await queueMigration(ctx, runtime, migration, byId.get(migration.id), runId, args.direction, now);
  }
  const migrationIds = plan.map((migration) => migration.id);
  const runDoc = await ctx.db.insert('migration_run', {
    runId,
    direction: args.direction,
    status: 'running',
    dryRun: args.dryRun ?? false,
    migrationIds,
    currentIndex: 0,
    chunks: 0,
    ...(args.batchSize === undefined ? {} : { batchSize: args.batchSize }),
    ...(args.defaultBatchSize === undefined ? {} : { defaultBatchSize: args.defaultBatchSize }),
    startedAt: now,
    updatedAt: now,
    cancelRequested: false,
  });
  const workerId = await ctx.scheduler.runAfter(0, runtime.self.runChunk, { runId, runDocId: runDoc });
  await ctx.db.patch(runDoc, { workerId });
  return { status: 'running', runId, migrationIds, dryRun: args.dryRun ?? false, alreadyActive: false };
}

/**
 * Marks a migration `pending` in this run. A migration resumes from its committed cursor when it
 * last ran in the same direction, did not complete, and was not edited since (same checksum: a
 * cursor is a position in the table and range the old code walked); otherwise its progress
 * starts over, and an edited one that had committed batches is marked `restarted`. Where its
 * data stands is left as it is (written out for a state that predates the flags, see
 * `recordedStanding`), and so is the recorded checksum: it is the code whose committed batches
 * brought the migration where it stands (an applied one's is what drift compares), and the
 * run's batches record theirs.
 */
async function queueMigration(
  ctx: GenericMutationCtx<any>,
  runtime: MigrationRuntime,
  migration: Migration,
  state: StateDoc | undefined,
  runId: string,
  direction: MigrationDirection,
  now: number,
): Promise<void> {
  const entry = runtime.migrations.get(migration.id)!;
  const { checksum } = entry;
  const step = (direction === 'up' ? migration.up : migration.down)!;
  const unfinished = state !== undefined && state.direction === direction && state.status !== 'completed';
  const resume = unfinished && isSameCode(entry, state.checksum);
  const restarted = unfinished && !resume && state.cursor !== null;
  const fields = {
    status: 'pending' as const,
    direction,
    runId,
    writeMode: step.writeMode ?? 'safe_bypass',
    ...(resume ? {} : { cursor: null, processed: 0, changed: 0, startedAt: undefined, completedAt: undefined }),
    lastError: undefined,
    lastErrorDocumentId: undefined,
    restarted: restarted || undefined,
  };
  if (state) {
    await patchStamped(ctx.db, state, { ...recordedStanding(state), ...fields }, now);
  } else {
    await ctx.db.insert('migration_state', {
      migrationId: migration.id,
      checksum,
      applied: false,
      partiallyReverted: false,
      partiallyApplied: false,
      cursor: null,
      processed: 0,
      changed: 0,
      updatedAt: now,
      ...fields,
    });
  }
}

/** Why a run has nothing to do; `to` keeps its migration, so "nothing after it" is what that says. */
function noopReason({ direction, to }: Pick<RunArgs, 'direction' | 'to'>): string {
  if (direction === 'up') return 'every migration is applied';
  if (to === undefined) return 'no applied migration to roll back';
  return `no migration is applied after '${to}' (rolling back to it keeps it; one step back rolls it back)`;
}
