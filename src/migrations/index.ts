/**
 * convex-orm/migrations: online data migrations (DESIGN.md section 8, docs/migrations.md).
 * Kept out of the core entry so apps without migrations do not bundle it.
 */

export {
  type AggregateIndexStatus,
  aggregateStatuses,
  type BackfillBatch,
  type BackfillStep,
  backfillNext,
} from '../aggregate/backfill.js';
export type { RepairStart, RepairTarget } from '../aggregate/repair.js';
export type { MigrationStatus } from '../schema/reservedTables.js';
export type { BatchResult } from './batch.js';
export type { CancelResult } from './cancel.js';
export { type CheckArgs, type CheckResult, MAX_CHECK_BATCH, type RejectedField } from './check.js';
export { normalizeSource, sourceChecksum } from './checksum.js';
export type { ChunkResult } from './chunk.js';
export type { ColumnJson } from './columnJson.js';
export { columnProblem } from './columnProblem.js';
export type { ConstraintViolation } from './constraints.js';
export {
  type AnyMigrationStep,
  defineMigration,
  MIGRATION_ID,
  type MigrateOneCtx,
  type Migration,
  type MigrationDefinition,
  type MigrationDirection,
  type MigrationPatch,
  type MigrationStep,
  type WriteMode,
} from './define.js';
export { type AppliedRecord, type DriftIssue, detectDrift } from './drift.js';
export { defineMigrationFunctions, type MigrationFunctions, type MigrationFunctionsConfig } from './functions.js';
export {
  type DocumentProblem,
  documentProblems,
  type FieldProblem,
  type IsId,
  matchesValidator,
} from './matchValidator.js';
export { buildPlan, type PlanRequest } from './plan.js';
export { PREVIEW_CHARS, preview } from './preview.js';
export type { ChunkArgs } from './runtime.js';
export { DRY_RUN_SAMPLES } from './samples.js';
export { defineMigrationSet, type MigrationEntry, type MigrationSet } from './set.js';
export type { RunArgs, RunResult } from './start.js';
export type { DryRunProgress, SampleDiff } from './state.js';
export type { MigrationProgress, RunView, StatusResult } from './status.js';
export type { FieldJson, ValidatorJson } from './validatorJson.js';
export type { MigrationOrm, MigrationRuleContext } from './write.js';
