import type { FunctionReference } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { MigrationSet } from './set.js';
import type { MigrationOrm } from './write.js';

/**
 * Arguments of `runChunk`: the run, and `batch: true` for the nested batch mutation. A chunk
 * hands the documents it found to its batch and to the next chunk, so each is read by `_id` (a
 * point read) instead of through an index once per batch; without them (a chunk scheduled by an
 * older deployment) they are looked up by `runId` and migration id.
 */
export type ChunkArgs = {
  runId: string;
  batch?: boolean;
  /** The run's `migration_run` document. */
  runDocId?: GenericId<'migration_run'>;
  /** The `migration_state` document of the run's current migration. */
  stateDocId?: GenericId<'migration_state'>;
  /** The batch size the current migration goes on with, smaller than its own (a batch was too large for the budget). */
  batchSize?: number;
  /** How many documents this one batch's page holds: the batch before ended at a document it changed in its range. */
  pageSize?: number;
  /** A failed batch's error, for a chunk that only records it (its own chunk's transaction had no room left). */
  failure?: { lastError: string; lastErrorDocumentId?: string };
};

/** Everything the runtime functions share. */
export interface MigrationRuntime {
  orm: MigrationOrm;
  migrations: MigrationSet;
  /** `internal.<module>`: how a chunk reaches its own `runChunk` (nested batch, next chunk). */
  self: { runChunk: FunctionReference<'mutation', 'internal', ChunkArgs, any> };
  /** Batch size when neither the run nor the step sets one. */
  defaultBatchSize: number;
}
