import type { GenericDatabaseReader } from 'convex/server';
import { meteredDb } from '../limits/meteredDb.js';
import { type ReadCounts, TransactionMeter } from '../limits/transactionMeter.js';
import { compileFilter } from './filterInterpreter.js';

export type { ReadCounts };

/**
 * Wraps `ctx.db` so every read is counted: `const { ctx: counted, reads } =
 * countReads(ctx)`, run code with `counted`, then assert `reads.documents`
 * and `reads.ranges`. The counting is the ORM's own read
 * accounting without budgets; `.filter()` predicates are evaluated by the
 * wrapper so rejected documents are counted (as Convex counts them). Writes
 * pass through unchanged. Works with real Convex and convex-test alike (it
 * only uses the public `ctx.db` API).
 */
export function countReads<Ctx extends { db: GenericDatabaseReader<any> }>(ctx: Ctx): { ctx: Ctx; reads: ReadCounts } {
  const meter = new TransactionMeter(null);
  return { ctx: { ...ctx, db: meteredDb(ctx.db, meter, compileFilter) }, reads: meter.reads };
}
