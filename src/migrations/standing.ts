import type { AppliedRecord } from './drift.js';

/**
 * Where a migration's data stands, from its `migration_state` record:
 * - `applied`: its up step completed and no down batch has committed since.
 * - `partially_reverted`: a down run committed at least one batch and did not complete
 *   (failed, canceled or still running): some documents are reverted, the rest are not.
 *   Both directions plan it: `down` resumes the revert, `up` re-applies the up step.
 * - `not_applied`: never applied, rolled back completely, or an up run that did not complete.
 */
export type MigrationStanding = 'applied' | 'partially_reverted' | 'not_applied';

export function standingOf(record: AppliedRecord | undefined): MigrationStanding {
  if (record === undefined) return 'not_applied';
  if (record.applied) return 'applied';
  return record.direction === 'down' && record.status !== 'completed' ? 'partially_reverted' : 'not_applied';
}
