import type {
  FunctionReference,
  MutationBuilder,
  QueryBuilder,
  RegisteredMutation,
  RegisteredQuery,
} from 'convex/server';
import { v } from 'convex/values';
import { type BackfillStep, backfillNext } from '../aggregate/backfill.js';
import { type RepairStart, type RepairTarget, startRepair } from '../aggregate/repair.js';
import { type ConfigKey, checkConfigShape, functionKey, ormKey, selfKey } from '../configShape.js';
import { OrmError } from '../errors.js';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { transactionDb } from '../limits/meteredDb.js';
import { applyBatch, type BatchResult } from './batch.js';
import { checkBatchSize } from './batchSize.js';
import { type CancelResult, cancelRun } from './cancel.js';
import { type CheckArgs, type CheckResult, checkBatch } from './check.js';
import { type ChunkResult, runChunk } from './chunk.js';
import type { ChunkArgs, MigrationRuntime } from './runtime.js';
import type { MigrationSet } from './set.js';
import { type RunArgs, type RunResult, startRun } from './start.js';
import { readStatus, type StatusResult } from './status.js';
import type { MigrationOrm } from './write.js';

/** What {@link defineMigrationFunctions} takes. */
export interface MigrationFunctionsConfig {
  /** The app's ORM (`createOrm({ relations })`): `migrateOne` gets `orm.db(ctx)`, patches go through it. */
  orm: MigrationOrm;
  /** The generated manifest's `migrations`. */
  migrations: MigrationSet;
  /** From `convex/_generated/server` (or a custom wrapper, so batches run through it). */
  internalMutation: MutationBuilder<any, 'internal'>;
  internalQuery: QueryBuilder<any, 'internal'>;
  /** `internal.<module>` of the file exporting the functions, e.g. `internal.migrations`. */
  self: { runChunk: FunctionReference<'mutation', 'internal', ChunkArgs, any> };
  /** Batch size when neither the CLI nor the step sets one. Default 128. */
  defaultBatchSize?: number;
}

/** The internal functions the CLI calls; export them from one module (`convex/migrations.ts`). */
export interface MigrationFunctions {
  /** Starts `up` / `down` (or returns the active run, `noop`, `drift_blocked`). */
  run: RegisteredMutation<'internal', RunArgs, Promise<RunResult>>;
  /** One scheduled batch of a run (and, with `batch: true`, the nested batch itself). */
  runChunk: RegisteredMutation<'internal', ChunkArgs, Promise<ChunkResult | BatchResult>>;
  /** Applied, pending, drift, the active run's progress and the last failures. Bounded. */
  status: RegisteredQuery<'internal', { runId?: string }, Promise<StatusResult>>;
  /** Stops the active run after its current batch. */
  cancel: RegisteredMutation<'internal', { runId?: string }, Promise<CancelResult>>;
  /**
   * One bounded batch of `convex-orm migrate check`: the fields of a table's documents that a
   * document validator (the local schema's, sent by the CLI) rejects, and the documents that
   * break a column type or a unique, check, NOT NULL or foreign-key constraint of the deployed
   * ORM's schema. Reads only.
   */
  check: RegisteredQuery<'internal', CheckArgs, Promise<CheckResult>>;
  /**
   * One batch of the backfill of the first aggregate index that is not ready yet
   * (`convex-orm aggregate backfill` calls it until `batch` is null). Resumable: each
   * batch moves the index's cursor in the transaction that counts its rows.
   */
  backfillAggregates: RegisteredMutation<'internal', { batchSize?: number }, Promise<BackfillStep>>;
  /**
   * Starts rebuilding aggregate indexes made stale by raw `ctx.db` writes (all, a table's, or
   * one): marks them `clearing`; `backfillAggregates` then clears and rebuilds them in batches
   * (`convex-orm aggregate repair` calls both).
   */
  repairAggregates: RegisteredMutation<'internal', RepairTarget, Promise<RepairStart>>;
}

const CONFIG_KEYS: Readonly<Record<keyof MigrationFunctionsConfig, ConfigKey>> = {
  orm: ormKey,
  migrations: {
    takes: "the manifest's migrations (defineMigrationSet([...]))",
    required: true,
    holds: (value) => (value as { kind?: unknown } | null)?.kind === 'convex-orm:migration-set',
  },
  internalMutation: functionKey('internalMutation from convex/_generated/server'),
  internalQuery: functionKey('internalQuery from convex/_generated/server'),
  self: selfKey(true),
  // Its range is checked below, with the CLI's and the steps' batch sizes.
  defaultBatchSize: { takes: 'a batch size', holds: () => true },
};

/**
 * Defines the migration runtime's internal functions:
 *
 * ```ts
 * // convex/migrations.ts
 * export const { run, runChunk, status, cancel, check, backfillAggregates, repairAggregates } = defineMigrationFunctions({
 *   orm, migrations, internalMutation, internalQuery, self: internal.migrations,
 * });
 * ```
 */
export function defineMigrationFunctions(config: MigrationFunctionsConfig): MigrationFunctions {
  checkConfigShape(
    config,
    'an object { orm, migrations, internalMutation, internalQuery, self }',
    CONFIG_KEYS,
    (message) => new OrmError('MIGRATION_CONFIG', `defineMigrationFunctions: ${message}.`),
  );
  checkBatchSize(config.defaultBatchSize, 'defineMigrationFunctions: defaultBatchSize');
  const runtime: MigrationRuntime = {
    orm: config.orm,
    migrations: config.migrations,
    self: config.self,
    defaultBatchSize: config.defaultBatchSize ?? 128,
  };
  const direction = v.union(v.literal('up'), v.literal('down'));
  return {
    run: config.internalMutation({
      args: {
        direction,
        steps: v.optional(v.number()),
        to: v.optional(v.string()),
        dryRun: v.optional(v.boolean()),
        allowDrift: v.optional(v.boolean()),
        batchSize: v.optional(v.number()),
        defaultBatchSize: v.optional(v.number()),
      },
      handler: (ctx, args) => startRun(ctx, runtime, args),
    }),
    runChunk: config.internalMutation({
      args: {
        runId: v.string(),
        batch: v.optional(v.boolean()),
        runDocId: v.optional(v.id('migration_run')),
        stateDocId: v.optional(v.id('migration_state')),
        batchSize: v.optional(v.number()),
        pageSize: v.optional(v.number()),
        failure: v.optional(v.object({ lastError: v.string(), lastErrorDocumentId: v.optional(v.string()) })),
      },
      handler: (ctx, args) => (args.batch ? applyBatch(ctx, runtime, args) : runChunk(ctx, runtime, args)),
    }),
    status: config.internalQuery({
      args: { runId: v.optional(v.string()) },
      handler: (ctx, args) => readStatus(ctx, runtime, args.runId),
    }),
    cancel: config.internalMutation({
      args: { runId: v.optional(v.string()) },
      handler: (ctx, args) => cancelRun(ctx, args.runId),
    }),
    check: config.internalQuery({
      args: {
        table: v.string(),
        documentType: v.string(),
        cursor: v.union(v.string(), v.null()),
        batchSize: v.number(),
      },
      handler: (ctx, args) => checkBatch(ctx, args, config.orm),
    }),
    backfillAggregates: config.internalMutation({
      args: { batchSize: v.optional(v.number()) },
      // On the ORM's metered database: a batch stays within what the transaction has left, the caller's budget.
      handler: async (ctx, args) => {
        checkBatchSize(args.batchSize, 'backfillAggregates: batchSize');
        return backfillNext(
          transactionDb(ctx.db, config.orm.options?.transactionBudget ?? DEFAULT_TRANSACTION_BUDGET, ctx.meta),
          config.orm.schema.schema.registry.tables.values(),
          args.batchSize ?? runtime.defaultBatchSize,
        );
      },
    }),
    repairAggregates: config.internalMutation({
      args: { table: v.optional(v.string()), index: v.optional(v.string()) },
      handler: (ctx, args) => startRepair(ctx.db, config.orm.schema.schema.registry.tables.values(), args),
    }),
  } as MigrationFunctions;
}
