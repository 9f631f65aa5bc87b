import { defineTable } from 'convex/server';
import { v } from 'convex/values';

/** Statuses of a migration and of a run (reference/migrations.md). */
export const MIGRATION_STATUSES = [
  'pending',
  'running',
  'completed',
  'failed',
  'canceled',
  'dry_run',
  'noop',
  'drift_blocked',
] as const;

/** A status of a migration or a run. */
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

// The reserved tables are made by functions, not at module scope: every function module that
// imports the app's schema evaluates this module in each fresh V8 context of a deployment, and
// only `convex deploy` and convex-test read the definitions (through `defineSchema`'s `tables`).

/**
 * The migration runtime's state tables, added to every schema by
 * `defineSchema` so that `convex-orm/migrations` needs no schema change.
 * They live in the core because `defineSchema` does; the runtime that
 * writes them lives in `convex-orm/migrations`.
 */
export function migrationTableDefinitions() {
  const status = v.union(...MIGRATION_STATUSES.map((name) => v.literal(name)));
  const direction = v.union(v.literal('up'), v.literal('down'));
  return {
    /** One document per migration id: what has been applied and where a run stands. */
    migration_state: defineTable({
      migrationId: v.string(),
      checksum: v.string(),
      applied: v.boolean(),
      status,
      direction: v.optional(direction),
      runId: v.optional(v.string()),
      cursor: v.union(v.string(), v.null()),
      processed: v.number(),
      changed: v.optional(v.number()),
      writeMode: v.optional(v.union(v.literal('safe_bypass'), v.literal('normal'))),
      startedAt: v.optional(v.number()),
      updatedAt: v.number(),
      completedAt: v.optional(v.number()),
      /** When the up step completed; cleared by the first committed down batch (a run's queueing keeps it). */
      appliedAt: v.optional(v.number()),
      /** A down batch committed and the down did not complete; cleared by a committed up batch. Absent in states written before it was recorded. */
      partiallyReverted: v.optional(v.boolean()),
      /** An up batch committed and the up did not complete; cleared when an up completes or a down batch commits. Absent in states written before it was recorded. */
      partiallyApplied: v.optional(v.boolean()),
      lastError: v.optional(v.string()),
      lastErrorDocumentId: v.optional(v.string()),
      /** The run started the migration over from its first document: it was edited since its last committed batch. */
      restarted: v.optional(v.boolean()),
    }).index('by_migration_id', ['migrationId']),
    /** One document per run of `migrate up` / `migrate down`. */
    migration_run: defineTable({
      runId: v.string(),
      direction,
      status,
      dryRun: v.boolean(),
      migrationIds: v.array(v.string()),
      currentIndex: v.number(),
      batchSize: v.optional(v.number()),
      defaultBatchSize: v.optional(v.number()),
      /** Batches run so far (dry runs included). */
      chunks: v.optional(v.number()),
      /** The scheduled chunk that continues the run; cancel checks it is still alive. */
      workerId: v.optional(v.id('_scheduled_functions')),
      startedAt: v.number(),
      updatedAt: v.number(),
      completedAt: v.optional(v.number()),
      cancelRequested: v.boolean(),
      lastError: v.optional(v.string()),
      lastErrorDocumentId: v.optional(v.string()),
      /** Dry runs: per-migration progress, would-change counts and sample diffs. */
      report: v.optional(v.any()),
    })
      .index('by_run_id', ['runId'])
      .index('by_status', ['status']),
  };
}

/** The migration state tables (see {@link migrationTableDefinitions}). */
export const migrationTables = /* @__PURE__ */ migrationTableDefinitions();

/** The tables `defineSchema` adds for migration state. */
export type MigrationTables = ReturnType<typeof migrationTableDefinitions>;

/**
 * The aggregate indexes' storage (DESIGN section 13), added by `defineSchema`
 * like the migration tables. A bucket holds one key value of one aggregate
 * index: its row count and, per summed column, the exact sum and the count
 * of non-null values. Key values sit in fixed slots so that equality on a key
 * prefix plus a range on the next field is one index range; `shard` splits a
 * key value's totals over a few documents (`.shards(n)`), last in the index so
 * that range reads every shard of its keys and a writer finds its one shard.
 */
export function aggregateTableDefinitions() {
  return {
    aggregate_bucket: defineTable({
      table: v.string(),
      index: v.string(),
      k0: v.optional(v.any()),
      k1: v.optional(v.any()),
      k2: v.optional(v.any()),
      k3: v.optional(v.any()),
      /** Which of the key value's buckets (`0 <= shard < shards`); absent on buckets written before sharding. */
      shard: v.optional(v.number()),
      count: v.number(),
      /** Per summed column: its exact sum of non-null values, encoded (`src/aggregate/exactSum.ts`). */
      sums: v.record(v.string(), v.array(v.number())),
    }).index('by_key', ['table', 'index', 'k0', 'k1', 'k2', 'k3', 'shard']),
    /**
     * One document per aggregate index: `building` until its backfill has counted every existing
     * row; `clearing` once its buckets are stale (a repair, writes under another definition of the
     * index), until the backfill has deleted them (then it builds again).
     */
    aggregate_state: defineTable({
      table: v.string(),
      index: v.string(),
      status: v.union(v.literal('clearing'), v.literal('building'), v.literal('ready')),
      /** Rows created at or before this `_creationTime` are counted (while building). */
      cursor: v.union(v.number(), v.null()),
      /** The definition the buckets are built for (key, summed fields, shards); absent before it was recorded. */
      definition: v.optional(v.string()),
      updatedAt: v.number(),
    }).index('by_index', ['table', 'index']),
  };
}

/** The aggregate storage tables (see {@link aggregateTableDefinitions}). */
export const aggregateTables = /* @__PURE__ */ aggregateTableDefinitions();

/** The tables `defineSchema` adds for aggregate indexes. */
export type AggregateTables = ReturnType<typeof aggregateTableDefinitions>;
