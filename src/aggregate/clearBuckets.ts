import type { GenericDatabaseWriter } from 'convex/server';
import type { WriteTotals } from '../limits/limitTotals.js';
import { meterOf } from '../limits/meteredDb.js';
import { clearablePage, fittingDeletes } from './backfillBudget.js';
import { BUCKET_TABLE } from './buckets.js';
import { rangePage } from './rangePage.js';

/** What one clearing batch did: buckets deleted, and whether it deleted the last of them. */
export interface ClearedBuckets {
  readonly deleted: number;
  readonly done: boolean;
}

/**
 * Deletes up to `batchSize` buckets of one aggregate index (one range),
 * fewer when more would pass what the transaction has left: the read stops
 * as a row batch's page does, by documents or bytes ({@link clearablePage}), and their deletes
 * and `stateWrite` (the state's own write, which follows) are reserved before
 * the first delete. `done` when the batch reached the range's end and
 * deleted all it read. Shared by a repair's clearing and a removed index's cleanup.
 */
export async function clearBuckets(
  db: GenericDatabaseWriter<any>,
  subject: { readonly table: string; readonly index: string },
  batchSize: number,
  stateWrite: WriteTotals,
): Promise<ClearedBuckets> {
  const meter = meterOf(db);
  const range = db
    .query(BUCKET_TABLE)
    .withIndex('by_key', (q: any) => q.eq('table', subject.table).eq('index', subject.index));
  const { docs: buckets, isDone } = await rangePage(
    db,
    range as AsyncIterable<Record<string, unknown>>,
    batchSize,
    clearablePage(meter, subject),
  );
  const deleted = fittingDeletes(meter, subject, buckets, stateWrite);
  for (let i = 0; i < deleted; i++) await db.delete(buckets[i]!._id as never);
  return { deleted, done: isDone && deleted === buckets.length };
}
