import type { DriftIssue, MigrationProgress, RunView, StatusResult } from '../migrations/index.js';

export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One line per migration of a run: where it stands. */
export function progressLine(progress: MigrationProgress, dryRun: boolean): string {
  const mark = { completed: '✓', dry_run: '✓', failed: '✗', canceled: '■', running: '…', pending: '·' }[
    progress.status as string
  ];
  const changed = dryRun ? `${progress.changed} would change` : `${progress.changed} changed`;
  return `  ${mark ?? '·'} ${progress.migrationId}  ${progress.status}  ${progress.processed} processed, ${changed}`;
}

/** The live progress line of a running run (terminal only). */
export function liveLine(run: RunView): string {
  const index = Math.min(run.currentIndex, run.migrationIds.length - 1);
  const current = run.progress[index]!;
  return `${run.direction}${run.dryRun ? ' (dry run)' : ''} ${index + 1}/${run.migrationIds.length} ${current.migrationId}: ${current.processed} processed, ${current.changed} ${run.dryRun ? 'would change' : 'changed'}`;
}

/** The summary printed when a run ends; `prod` (` --prod` or empty) goes into the commands it suggests. */
export function summary(run: RunView, elapsedMs: number, prod = ''): string[] {
  const what = `${counts(run)}, ${plural(run.chunks, 'chunk')} in ${(elapsedMs / 1000).toFixed(1)}s`;
  const lines: string[] = [];
  if (run.status === 'completed') lines.push(`Migrate ${run.direction} completed: ${what}.`);
  if (run.status === 'dry_run') {
    lines.push(`${runName(run)}: ${what}. Nothing was written.`);
    for (const item of run.progress) {
      for (const sample of item.samples ?? []) {
        lines.push(
          `  ${item.migrationId} ${sample._id}: ${JSON.stringify(sample.before)} → ${JSON.stringify(sample.after)}`,
        );
      }
    }
  }
  if (run.status === 'failed') {
    const where = run.lastErrorDocumentId ? ` (document ${run.lastErrorDocumentId})` : '';
    lines.push(`${runName(run)} failed${where}: ${run.lastError ?? 'unknown error'}`);
    lines.push(
      run.dryRun
        ? `Nothing was written. Fix the cause, deploy, and run \`convex-orm migrate ${run.direction} --dry-run${prod}\` again: a dry run commits no batch, so it starts over from the first document.`
        : `Nothing of the failing batch was written. Fix the cause, deploy, and run \`convex-orm migrate ${run.direction}${prod}\` again: a migration whose code is unchanged resumes from the last committed batch; an edited one starts over from its first document, so the documents already migrated get its step again (harmless when the step sets values, not when it appends or counts).`,
    );
  }
  if (run.status === 'canceled') {
    lines.push(
      run.dryRun
        ? `${runName(run)} canceled: ${what}. Nothing was written; a dry run run again starts over from the first document.`
        : `${runName(run)} canceled: ${what}. Run it again to resume where it stopped.`,
    );
  }
  return lines;
}

/** `Migrate up`, or `Dry run of migrate up`: a dry run's failure or cancel must not read as the real run's. */
function runName(run: RunView): string {
  return run.dryRun ? `Dry run of migrate ${run.direction}` : `Migrate ${run.direction}`;
}

export function driftLines(drift: readonly DriftIssue[]): string[] {
  return drift.map((issue) => `  ${issue.kind}: ${issue.message}`);
}

/** `migrate status` output. */
export function statusLines(status: StatusResult): string[] {
  const lines = [`Applied (${status.applied.length}):`];
  for (const item of status.applied) lines.push(`  ✓ ${item.migrationId}`);
  if (status.partiallyReverted.length > 0) {
    lines.push(`Partially reverted (${status.partiallyReverted.length}):`);
    for (const item of status.partiallyReverted) {
      lines.push(
        `  ◐ ${item.migrationId}  down ${item.status} after ${plural(item.processed, 'document')}: \`migrate down\` finishes the revert, \`migrate up\` re-applies it`,
      );
    }
  }
  lines.push(`Pending (${status.pending.length}):`);
  const partial = new Set(status.partiallyApplied);
  for (const id of status.pending) {
    lines.push(
      partial.has(id)
        ? `  ◑ ${id}  partially applied (its up committed batches and did not complete): \`migrate up\` finishes it (\`migrate down\` under it is refused)`
        : `  · ${id}`,
    );
  }
  if (status.removedPartiallyApplied?.length) {
    lines.push(`Partially applied, missing from the manifest (${status.removedPartiallyApplied.length}):`);
    for (const id of status.removedPartiallyApplied) {
      lines.push(
        `  ◑ ${id}  its up committed batches and did not complete: restore its file and run \`migrate up\` (\`migrate down\` under it is refused)`,
      );
    }
  }
  if (status.removedPartiallyReverted?.length) {
    lines.push(`Partially reverted, missing from the manifest (${status.removedPartiallyReverted.length}):`);
    for (const id of status.removedPartiallyReverted) {
      lines.push(
        `  ◐ ${id}  its down committed batches and did not complete: restore its file and finish the revert with \`migrate down\` or re-apply it with \`migrate up\` (\`migrate down\` under it is refused)`,
      );
    }
  }
  if (status.activeRun) {
    const run = status.activeRun;
    lines.push(
      `Active run ${run.runId}: ${run.direction}${run.dryRun ? ' (dry run)' : ''}, ${plural(run.chunks, 'chunk')}${run.cancelRequested ? ', cancel requested' : ''}`,
    );
    for (const item of run.progress) lines.push(progressLine(item, run.dryRun));
  } else {
    lines.push('Active run: none');
  }
  lines.push(status.lastRun ? lastRunLine(status.lastRun) : 'Last run: none');
  lines.push(status.drift.length === 0 ? 'Drift: none' : 'Drift:', ...driftLines(status.drift));
  if (status.aggregates?.length) {
    lines.push('Aggregate indexes:');
    for (const { table, index, status: state } of status.aggregates) {
      const hint =
        state === 'ready'
          ? ''
          : state === 'removed'
            ? ' (no longer in the schema; `convex-orm aggregate backfill` deletes its buckets)'
            : ' (reads fall back to the bounded scan; run `convex-orm aggregate backfill`)';
      lines.push(`  ${state === 'ready' ? '✓' : '·'} ${table}.${index} ${state}${hint}`);
    }
  }
  if (status.failures.length > 0) {
    lines.push('Last failures:');
    for (const failure of status.failures) {
      const doc = failure.documentId ? ` on document ${failure.documentId}` : '';
      lines.push(`  ${failure.runId} ${failure.migrationId ?? ''}${doc}: ${failure.error ?? ''}`);
    }
  }
  return lines;
}

/** The finished run of `migrate status`: its status word, and its error and failing document. */
function lastRunLine(run: RunView): string {
  const what = `Last run ${run.runId}: ${run.direction}${run.dryRun ? ' (dry run)' : ''} ${run.status}`;
  if (run.status === 'failed') {
    const where = run.lastErrorDocumentId ? ` on document ${run.lastErrorDocumentId}` : '';
    return `${what}${where}: ${run.lastError ?? 'unknown error'}`;
  }
  return `${what}, ${counts(run)}`;
}

/** `2 migrations, 20 documents processed, 15 changed`. */
function counts(run: RunView): string {
  const processed = run.progress.reduce((sum, item) => sum + item.processed, 0);
  const changed = run.progress.reduce((sum, item) => sum + item.changed, 0);
  return `${plural(run.migrationIds.length, 'migration')}, ${plural(processed, 'document')} processed, ${changed} ${run.dryRun ? 'would change' : 'changed'}`;
}
