import type { AppliedRecord } from './drift.js';

/**
 * Where a migration's data stands, from its `migration_state` record, as committed batches left
 * it (queueing a run that then fails or is canceled before its first batch changes nothing):
 * - `applied`: its up step completed and no down batch has committed since.
 * - `partially_reverted`: a down run committed at least one batch and did not complete
 *   (failed, canceled or still running), and no up batch committed since: some documents are
 *   reverted, the rest are not. Both directions plan it: `down` resumes the revert, `up`
 *   re-applies the up step.
 * - `not_applied`: never applied, rolled back completely, or an up run that committed a batch
 *   and did not complete.
 */
export type MigrationStanding = 'applied' | 'partially_reverted' | 'not_applied';

export function standingOf(record: AppliedRecord | undefined): MigrationStanding {
  if (record === undefined) return 'not_applied';
  if (record.applied) return 'applied';
  // Recorded by committed batches; states written before it was, judged by their last run.
  const partial = record.partiallyReverted ?? (record.direction === 'down' && record.status !== 'completed');
  return partial ? 'partially_reverted' : 'not_applied';
}

/**
 * A `not_applied` migration whose up run committed batches and did not complete (failed,
 * canceled): some documents carry its change, the rest do not. Its data sits on top of the
 * migrations before it, so none of those may be rolled back under it (see `buildPlan`).
 */
export function isPartiallyApplied(record: AppliedRecord | undefined): boolean {
  if (record === undefined || record.applied) return false;
  // Recorded by committed batches; states written before it was, by their last run's cursor.
  return record.partiallyApplied ?? (record.direction === 'up' && record.cursor != null);
}

/**
 * Where `record`'s data stands, as the flags committed batches record it. A state written before
 * they were is judged by its last run's direction, status and cursor, which queueing a run
 * overwrites: queueing writes these first, so a run that then commits nothing leaves it standing.
 */
export function recordedStanding(record: AppliedRecord): { partiallyReverted: boolean; partiallyApplied: boolean } {
  return {
    partiallyReverted: standingOf(record) === 'partially_reverted',
    partiallyApplied: isPartiallyApplied(record),
  };
}
