import type { GenericDatabaseReader } from 'convex/server';
import { aroundBudget, meterOf } from '../limits/meteredDb.js';
import type { RowChange } from './changes.js';
import type { ReservedWrites } from './writeLimits.js';

/**
 * Records the `_creationTime` Convex gave each row `written` inserts (Convex's insert returns
 * only the id), read back by id, for `returning()`; rows already in `times` are not read again.
 * The write check reserved these reads (`creationTimes` in the context), held ahead with the
 * statement's writes (`reserved`) until each is sent: they are made around the budget.
 */
export async function readCreationTimes(
  db: GenericDatabaseReader<any>,
  written: readonly RowChange[],
  times: Map<string, number>,
  reserved: ReservedWrites | null,
): Promise<void> {
  const reader = aroundBudget(db);
  let read = 0;
  for (let i = 0; i < written.length; i++) {
    const change = written[i]!;
    if (change.operation !== 'insert' || times.has(change.id!)) continue;
    // Sent in this step: from now on in what Convex reports.
    reserved?.held.made(reserved.readBacks[i]!);
    const doc = await reader.get(change.table.name, change.id!);
    read++;
    if (doc) times.set(change.id!, doc._creationTime as number);
  }
  if (read > 0) meterOf(db)?.countReadsAround({ documents: read, ranges: read });
}
