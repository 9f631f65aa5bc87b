import type { GenericDatabaseWriter } from 'convex/server';
import { documentSize } from '../limits/documentSize.js';
import { meterOf } from '../limits/meteredDb.js';
import type { PageReadLimits } from '../limits/transactionMeter.js';

type Doc = Record<string, unknown>;

/**
 * The documents of `range` that a Convex page of `numItems` within `limits` holds (it ends after
 * the document that reaches `maximumBytesRead`, as Convex's does), and whether the range ended
 * first. Read by iterating the range rather than with `.paginate()`, which Convex refuses inside
 * components and allows once per function. The backfill's row batches and the clearing batches
 * of a repair or a removed index read their pages so.
 */
export async function rangePage(
  db: GenericDatabaseWriter<any>,
  range: AsyncIterable<Doc>,
  numItems: number,
  limits: PageReadLimits,
): Promise<{ docs: Doc[]; isDone: boolean }> {
  const docsWanted = Math.min(numItems, limits.maximumRowsRead ?? numItems);
  const bytesWanted = limits.maximumBytesRead ?? Number.POSITIVE_INFINITY;
  const docs: Doc[] = [];
  let bytes = 0;
  const meter = meterOf(db);
  for await (const doc of range) {
    docs.push(doc);
    // The meter measured the document as it arrived.
    bytes += meter?.documents.size(doc) ?? documentSize(doc);
    if (docs.length >= docsWanted || bytes >= bytesWanted) return { docs, isDone: false };
  }
  return { docs, isDone: true };
}
