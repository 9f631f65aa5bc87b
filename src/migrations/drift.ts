import type { MigrationStatus } from '../schema/reservedTables.js';
import type { MigrationDirection } from './define.js';
import { isSameCode, type MigrationSet } from './set.js';

/**
 * What the runtime remembers of a migration: whether it is applied and with which checksum,
 * and the direction and status of its last run (see `standingOf`).
 */
export interface AppliedRecord {
  readonly migrationId: string;
  readonly checksum: string;
  /** True once the up step completed, false again from the first committed down batch. */
  readonly applied: boolean;
  readonly direction?: MigrationDirection | undefined;
  readonly status?: MigrationStatus | undefined;
  /** A down batch committed and the down did not complete (see `standingOf`). */
  readonly partiallyReverted?: boolean | undefined;
  /** An up batch committed and the up did not complete (see `isPartiallyApplied`). */
  readonly partiallyApplied?: boolean | undefined;
  /** Where the migration's last run stopped (`null`: nothing walked since it was queued). */
  readonly cursor?: string | null | undefined;
  /** When its up step completed (absent once a down batch committed, and in states written before it was recorded). */
  readonly appliedAt?: number | undefined;
  /** When the state last changed: a run queued, a batch committed, a run ended. */
  readonly updatedAt?: number | undefined;
}

/** One reason the history and the code disagree. */
export type DriftIssue =
  | {
      kind: 'checksum_mismatch';
      migrationId: string;
      appliedChecksum: string;
      manifestChecksum: string;
      message: string;
    }
  | { kind: 'missing_from_manifest'; migrationId: string; message: string };

/**
 * Applied migrations are immutable history: an applied migration whose file changed
 * (`checksum_mismatch`) or that left the manifest (`missing_from_manifest`) is drift.
 * Migrations not applied (never run, failed, rolled back, partially reverted) may be edited
 * freely, e.g. to fix the down step that failed.
 */
export function detectDrift(set: MigrationSet, records: readonly AppliedRecord[]): DriftIssue[] {
  const issues: DriftIssue[] = [];
  for (const record of records) {
    if (!record.applied) continue;
    const entry = set.get(record.migrationId);
    if (!entry) {
      issues.push({
        kind: 'missing_from_manifest',
        migrationId: record.migrationId,
        message: `Applied migration '${record.migrationId}' is missing from the manifest. Restore its file (applied migrations are history) or roll it back before removing it.`,
      });
    } else if (!isSameCode(entry, record.checksum)) {
      issues.push({
        kind: 'checksum_mismatch',
        migrationId: record.migrationId,
        appliedChecksum: record.checksum,
        manifestChecksum: entry.checksum,
        message: `Applied migration '${record.migrationId}' checksum drift detected. Revert the edit and write a new migration instead.`,
      });
    }
  }
  return issues;
}
