import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { OrmError } from '../errors.js';
import { meterOf } from '../limits/meteredDb.js';
import type { TableConfig } from '../schema/table.js';
import { stateDeleteTotals } from './backfillBudget.js';
import { clearBuckets } from './clearBuckets.js';
import { type AggregateState, STATE_TABLE } from './state.js';

/** The most state documents one pass reads: one per aggregate index the deployment has had. */
export const MAX_AGGREGATE_STATES = 1024;

/**
 * The definition a removed index's state is marked with while its buckets
 * are deleted: no schema's definition (`definitionOf` is JSON), so an index
 * added back meanwhile is `changed` and rebuilt, never served from them.
 */
export const REMOVED_DEFINITION = 'removed';

const indexKey = (table: string, index: string): string => JSON.stringify([table, index]);

/**
 * The states of aggregate indexes that are no longer in the schema: writes
 * stopped keeping their buckets when they went. One bounded read of the
 * state table (`MAX_AGGREGATE_STATES`).
 */
export async function removedStates(
  db: GenericDatabaseReader<any>,
  tables: readonly TableConfig[],
): Promise<AggregateState[]> {
  const present = new Set(
    tables.flatMap((table) => table.aggregateIndexes.map((aggregate) => indexKey(table.name, aggregate.name))),
  );
  const states = (await db.query(STATE_TABLE).take(MAX_AGGREGATE_STATES + 1)) as AggregateState[];
  if (states.length > MAX_AGGREGATE_STATES) {
    throw new OrmError(
      'MIGRATION_FAILED',
      `More than ${MAX_AGGREGATE_STATES} aggregate_state documents: the backfill cannot tell which aggregate indexes were removed from the schema; delete the states (and aggregate_bucket documents) of indexes that are gone.`,
      { details: { limit: MAX_AGGREGATE_STATES } },
    );
  }
  return states.filter((state) => !present.has(indexKey(state.table, state.index)));
}

/**
 * One batch of the cleanup of a removed index: marks its state removed (so
 * it is never served again, even if the index comes back before the cleanup
 * ends), deletes up to `batchSize` of its buckets, and, in the batch that
 * finds fewer, its state: an index added back afterwards starts `pending`.
 * Returns the buckets deleted and whether the cleanup is done.
 */
export async function clearRemovedBatch(
  db: GenericDatabaseWriter<any>,
  state: AggregateState,
  batchSize: number,
): Promise<{ processed: number; done: boolean }> {
  if (state.definition !== REMOVED_DEFINITION) {
    await db.patch(state._id as never, {
      status: 'clearing',
      cursor: null,
      definition: REMOVED_DEFINITION,
      updatedAt: Date.now(),
    });
  }
  // As a repair's clearing: no more deletes than the transaction has room for, the state's own delete kept back.
  const stateDelete = stateDeleteTotals(state, meterOf(db));
  const { deleted, done } = await clearBuckets(db, state, batchSize, stateDelete);
  if (done) await db.delete(state._id as never);
  return { processed: deleted, done };
}
