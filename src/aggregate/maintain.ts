import type { GenericDatabaseWriter } from 'convex/server';
import type { HeldWrites } from '../limits/heldWrites.js';
import { aroundBudget, meterOf } from '../limits/meteredDb.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { BucketDeltas } from './bucketDeltas.js';
import { type AggregateState, counts, missesWrites, readState } from './state.js';

/** A row change, as the aggregate stage needs it (the pipeline's `RowChange`). */
export interface WrittenChange {
  readonly table: TableConfig;
  /** The row's `_id`: a row to insert has none until it is written (its bucket shard waits for it). */
  readonly id?: string | null;
  readonly old: Record<string, unknown> | null;
  readonly new: Record<string, unknown> | null;
}

const hasAggregateIndexes = (change: WrittenChange): boolean => change.table.aggregateIndexes.length > 0;

/** True when a changed table has aggregate indexes: otherwise there is nothing to maintain (and nothing to read). */
export function hasAggregates(changes: readonly WrittenChange[]): boolean {
  return changes.some(hasAggregateIndexes);
}

/**
 * The bucket changes of a statement, grouped by aggregate index, key and
 * shard before its first write (DESIGN section 13), so the check stage
 * reserves their cost with the rows' own ({@link BucketDeltas.reservation}).
 * Each change takes its old row out of its bucket and puts its new row in;
 * a row to insert under a sharded index waits for its `_id`. Reads one state
 * document per aggregate index, through `db` (metered); a state built for
 * another definition of its index is marked stale with the statement's
 * writes ({@link missesWrites}).
 */
export async function planAggregates(
  db: GenericDatabaseWriter<any>,
  changes: readonly WrittenChange[],
): Promise<BucketDeltas> {
  // By aggregate index (each table's configs are its own objects): no key string per row.
  const states = new Map<AggregateIndexConfig, AggregateState | null>();
  const deltas = new BucketDeltas();
  for (let i = 0; i < changes.length; i++) {
    const { table, old, new: row, id = old?._id } = changes[i]!;
    for (const aggregate of table.aggregateIndexes) {
      let state = states.get(aggregate);
      if (state === undefined) {
        state = await readState(db, table.name, aggregate);
        if (missesWrites(state, aggregate)) deltas.markStale(state);
        states.set(aggregate, state);
      }
      if (old && counts(state, aggregate, old)) deltas.add(table, aggregate, old, String(id), -1);
      if (!row || !counts(state, aggregate, row)) continue;
      if (id == null) deltas.addInsert(table, aggregate, row, i);
      else deltas.add(table, aggregate, row, String(id), 1);
    }
  }
  return deltas;
}

/**
 * Keeps the aggregate indexes up to date in the writing transaction: applies
 * what {@link planAggregates} grouped once `written` (its changes, in order,
 * inserts with their `_id`) is written. Reads and writes each changed bucket
 * once. The check stage reserved their cost in the budget meter (an upper
 * bound), held ahead (`held`) until each bucket is written, so the bucket
 * reads go around that meter (counted once there) but through any counting
 * one under it (`countReads` sees every read); the reads reserved for
 * buckets that were not there are given back. Runs for every ORM write,
 * migrations in `safe_bypass` included.
 */
export async function maintainAggregates(
  db: GenericDatabaseWriter<any>,
  planned: BucketDeltas,
  written: readonly WrittenChange[],
  held: HeldWrites | null,
): Promise<void> {
  planned.placeInserts((change) => String(written[change]!.id));
  const reads = await planned.apply(aroundBudget(db), held);
  meterOf(db)?.countReadsAround(reads);
}
