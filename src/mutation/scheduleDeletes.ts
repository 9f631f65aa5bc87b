import type { FunctionReference, Scheduler } from 'convex/server';
import { OrmError } from '../errors.js';
import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { convexSize } from '../limits/documentSize.js';
import type { HeldWrites } from '../limits/heldWrites.js';
import { NO_WRITES } from '../limits/limitTotals.js';
import { storedField } from '../ownField.js';
import type { RowChange, UpdateChange } from './changes.js';
import { deletesRow } from './softDelete.js';

/** The arguments of the app's `scheduledDelete` function: rows of one table soft-deleted at one time. */
export type ScheduledDeleteArgs = {
  table: string;
  deletedAt: number;
  ids: string[];
  /**
   * Set by the function itself when one row's cascade does not fit one
   * transaction: the rows whose cascading rows go first, the row of `ids` first
   * (see `src/deletion/drain.ts`).
   */
  drain?: DrainStep[];
};

/**
 * A row of a drain whose cascading rows one job deletes, `batch` of them at most: reached from
 * the row above it through the foreign key named `via` (none for the row asked for), with the
 * rows below it whose delete waits until it has nothing else left (`skip`). After a batch of its
 * rows did not fit, the size of that batch (`ceiling`) and how many batches below it are to fit
 * before one of that size is tried again (`wait`).
 */
export type DrainStep = {
  table: string;
  id: string;
  batch: number;
  via?: string;
  skip?: string[];
  ceiling?: number;
  wait?: number;
};

/** What scheduling hard deletes needs: `ctx.scheduler` and the function `defineDeletionFunctions` made. */
export interface DeletionScheduling {
  readonly scheduler: Scheduler;
  readonly scheduledDelete: FunctionReference<'mutation', 'internal', ScheduledDeleteArgs>;
}

/** True when `change` deletes a row of a table with `deletion('scheduled')`: its hard delete is to be scheduled. */
function schedulesDelete(change: RowChange): change is UpdateChange {
  return change.table.deletion?.mode === 'scheduled' && deletesRow(change);
}

interface ScheduledJob {
  readonly args: ScheduledDeleteArgs;
  readonly delayMs: number;
}

/**
 * One scheduled hard delete per table and deletion time, for the rows of
 * tables with `deletion('scheduled')`; past Convex's 8,192 elements of an
 * array, the ids go on in another job.
 */
function plannedJobs(changes: readonly RowChange[]): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  const open = new Map<string, ScheduledJob>();
  for (const change of changes) {
    if (!schedulesDelete(change)) continue;
    const deletion = change.table.deletion!;
    const deletedAt = storedField(change.new, deletion.column) as number;
    const key = JSON.stringify([change.table.name, deletedAt]);
    let job = open.get(key);
    if (!job || job.args.ids.length === CONVEX_VALUE_LIMITS.arrayLength) {
      job = { args: { table: change.table.name, deletedAt, ids: [] }, delayMs: deletion.delayMs };
      open.set(key, job);
      jobs.push(job);
    }
    job.args.ids.push(change.id);
  }
  return jobs;
}

/** What a statement's scheduled deletes add to the transaction: functions scheduled and their arguments' bytes. */
export function scheduledTotals(
  scheduling: DeletionScheduling | null,
  changes: readonly RowChange[],
): { functionsScheduled: number; scheduledFunctionArgsBytes: number } {
  let functionsScheduled = 0;
  let scheduledFunctionArgsBytes = 0;
  if (!schedulesDeletes(scheduling, changes)) return { functionsScheduled, scheduledFunctionArgsBytes };
  for (const job of plannedJobs(changes)) {
    functionsScheduled++;
    scheduledFunctionArgsBytes += argsBytes(job);
  }
  return { functionsScheduled, scheduledFunctionArgsBytes };
}

// Convex measures the arguments as the array it stores (`[args]`: 2 bytes more than the object).
const argsBytes = (job: ScheduledJob) => convexSize([job.args]);

/** True when `scheduling` is wired and the statement soft-deletes rows of a `deletion('scheduled')` table. */
export function schedulesDeletes(scheduling: DeletionScheduling | null, changes: readonly RowChange[]): boolean {
  return scheduling !== null && changes.some(schedulesDelete);
}

/** Before the first write: a scheduled delete needs the scheduling wired, else `INVALID_SCHEMA` naming what to do. */
export function checkScheduling(scheduling: DeletionScheduling | null, changes: readonly RowChange[]): void {
  if (scheduling || !changes.some(schedulesDelete)) return;
  const [job] = plannedJobs(changes);
  if (!job) return;
  throw new OrmError(
    'INVALID_SCHEMA',
    `"${job.args.table}" has deletion('scheduled') but the ORM cannot schedule the hard delete: export defineDeletionFunctions(...) from a module, pass createOrm({ scheduledDelete: internal.<module>.scheduledDelete }), and call orm.db(ctx) with a mutation ctx.`,
    { table: job.args.table },
  );
}

/**
 * Schedules the hard delete of the rows the statement soft-deleted in tables
 * with `deletion('scheduled')`. The function deletes only rows whose
 * deletion column still holds the time it was scheduled with, so restoring a
 * row (or deleting it again later) cancels it without a stored job id. The
 * write check reserved each job ({@link scheduledTotals}), held ahead with the
 * statement's writes (`held`) until it is scheduled.
 */
export async function scheduleDeletes(
  scheduling: DeletionScheduling | null,
  changes: readonly RowChange[],
  held: HeldWrites | null,
): Promise<void> {
  if (!scheduling) return;
  for (const job of plannedJobs(changes)) {
    // Scheduled in this step: from now on in what Convex reports.
    held?.made({ ...NO_WRITES, functionsScheduled: 1, scheduledFunctionArgsBytes: argsBytes(job) });
    await scheduling.scheduler.runAfter(job.delayMs, scheduling.scheduledDelete, job.args);
  }
}
