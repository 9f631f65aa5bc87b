import type { GenericDatabaseWriter } from 'convex/server';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { BucketDeltas } from './buckets.js';
import { type AggregateState, counts, readState } from './state.js';

/** A written row change, as the aggregate stage needs it (the pipeline's `RowChange`). */
export interface WrittenChange {
  readonly table: TableConfig;
  /** The row's `_id`: an inserted row has it here only (it picks the row's bucket shard). */
  readonly id?: string | null;
  readonly old: Record<string, unknown> | null;
  readonly new: Record<string, unknown> | null;
}

/** True when a changed table has aggregate indexes: otherwise there is nothing to maintain (and nothing to read). */
export function hasAggregates(changes: readonly WrittenChange[]): boolean {
  return changes.some((change) => change.table.aggregateIndexes.length > 0);
}

/**
 * Keeps the aggregate indexes of the changed tables up to date, in the
 * writing transaction (DESIGN section 13): each change takes its old row out
 * of its bucket and puts its new row in. Reads one state document per
 * aggregate index and one bucket per changed key, writes each changed bucket
 * once. Runs for every ORM write, migrations in `safe_bypass` included.
 */
export async function maintainAggregates(
  db: GenericDatabaseWriter<any>,
  changes: readonly WrittenChange[],
): Promise<void> {
  // By aggregate index (each table's configs are its own objects): no key string per row.
  const states = new Map<AggregateIndexConfig, AggregateState | null>();
  const deltas = new BucketDeltas();
  for (const change of changes) {
    const rowId = String(change.id ?? change.old?._id);
    for (const aggregate of change.table.aggregateIndexes) {
      let state = states.get(aggregate);
      if (state === undefined) {
        state = await readState(db, change.table.name, aggregate);
        states.set(aggregate, state);
      }
      if (change.old && counts(state, aggregate, change.old))
        deltas.add(change.table, aggregate, change.old, rowId, -1);
      if (change.new && counts(state, aggregate, change.new)) deltas.add(change.table, aggregate, change.new, rowId, 1);
    }
  }
  await deltas.apply(db);
}
