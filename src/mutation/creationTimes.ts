import type { GenericDatabaseReader } from 'convex/server';
import { aroundBudget, meterOf } from '../limits/meteredDb.js';
import type { RowChange } from './changes.js';

/**
 * Records the `_creationTime` Convex gave each row `written` inserts (Convex's insert returns
 * only the id), read back by id, for `returning()`; rows already in `times` are not read again.
 * The write check reserved these reads (`creationTimes` in the context): they are made around
 * the budget and settled.
 */
export async function readCreationTimes(
  db: GenericDatabaseReader<any>,
  written: readonly RowChange[],
  times: Map<string, number>,
): Promise<void> {
  const reader = aroundBudget(db);
  let read = 0;
  for (const change of written) {
    if (change.operation !== 'insert' || times.has(change.id!)) continue;
    const doc = await reader.get(change.table.name, change.id!);
    read++;
    if (doc) times.set(change.id!, doc._creationTime as number);
  }
  if (read > 0) meterOf(db)?.settleReserved({ documents: read, ranges: read });
}
