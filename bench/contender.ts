import type { GenericDatabaseWriter, SchemaDefinition } from 'convex/server';
import type { GenericId } from 'convex/values';
import type { BenchConfig } from './config.js';
import type { DataModel } from './convex/_generated/dataModel.js';
import type { Dataset } from './data.js';

/** What a workload gets: a mutation-like ctx (its db maybe read-counted) and the seeded ids. */
export type BenchCtx = { db: GenericDatabaseWriter<DataModel> };

/** The seeded database's ids, by data-set position. */
export type Fixture = {
  config: BenchConfig;
  data: Dataset;
  ids: {
    users: GenericId<'users'>[];
    posts: GenericId<'posts'>[];
    groups: GenericId<'groups'>[];
  };
};

/** Per-run input: the run number (0 is the counted warm-up) and the previous transaction's result. */
export type RunInput = { fixture: Fixture; run: number; previous: unknown };

/** One transaction of a workload. Workload 6 is three of them (one per page). */
export type WorkloadFn = (ctx: BenchCtx, input: RunInput) => PromiseLike<unknown>;

/** Workloads 1–9 run in-process; workload 10 (the backfill) is measured by bench/backfill.ts. */
export type WorkloadId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export type Contender = {
  key: ContenderKey;
  label: string;
  /** The Convex schema the contender's convex-test backend runs (same tables, fields, indexes). */
  schema: SchemaDefinition<any, boolean>;
  workloads: Partial<Record<WorkloadId, WorkloadFn>>;
  /** Why a workload is missing, for the results table. */
  missing?: Partial<Record<WorkloadId, string>>;
};

export type ContenderKey = 'floor' | 'convex-orm' | 'better-convex' | 'convex-ents';
