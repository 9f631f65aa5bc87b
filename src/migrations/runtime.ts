import type { FunctionReference } from 'convex/server';
import type { MigrationSet } from './set.js';
import type { MigrationOrm } from './write.js';

/** Arguments of `runChunk`: the run, and `batch: true` for the nested batch mutation. */
export type ChunkArgs = {
  runId: string;
  batch?: boolean;
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
