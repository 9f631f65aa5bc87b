import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { OrmError } from '../errors.js';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { aroundBudget, meterOf, transactionDb } from '../limits/meteredDb.js';
import type { PageReadLimits } from '../limits/transactionMeter.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { backfillPageLimits, fittingBatch, stateWriteTotals } from './backfillBudget.js';
import { clearBuckets } from './clearBuckets.js';
import { rangePage } from './rangePage.js';
import { clearRemovedBatch, removedStates } from './removed.js';
import { markClearing } from './repair.js';
import { type AggregateState, definitionOf, isCurrent, readState, STATE_TABLE } from './state.js';

/** What one backfill batch did: rows counted, or (`clearing`) buckets deleted by a repair. */
export interface BackfillBatch {
  readonly table: string;
  readonly index: string;
  readonly processed: number;
  /** The index's status after the batch; `removed`: buckets of an index gone from the schema deleted. */
  readonly status: 'clearing' | 'building' | 'ready' | 'removed';
}

function batchResult(
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  processed: number,
  status: Exclude<BackfillBatch['status'], 'removed'>,
): BackfillBatch {
  return { table: table.name, index: aggregate.name, processed, status };
}

// A batch finding fewer rows (or buckets) than batchSize is the last: 0 or a fraction would never end.
function checkBackfillBatchSize(batchSize: number, table: string, index: string): void {
  if (Number.isInteger(batchSize) && batchSize >= 1) return;
  throw new OrmError(
    'MIGRATION_CONFIG',
    `Backfill of aggregate index "${index}" on "${table}": batchSize must be a positive integer, got ${batchSize}.`,
    { table, details: { index, batchSize } },
  );
}

/**
 * One batch of a repair's first phase: deletes up to `batchSize` of the
 * index's buckets (fewer when more would pass what the transaction has left);
 * the batch that finds fewer than it asked for, and deletes them all, starts
 * the rebuild (`building`, no row counted). Meanwhile writes leave the buckets
 * alone (`counts` is false for every row) and reads fall back to the bounded
 * scan.
 */
async function clearBatch(
  db: GenericDatabaseWriter<any>,
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  state: AggregateState,
  batchSize: number,
): Promise<BackfillBatch> {
  const subject = { table: table.name, index: aggregate.name };
  const stateWrite = stateWriteTotals(table, aggregate, state, meterOf(db));
  const { deleted, done } = await clearBuckets(db, subject, batchSize, stateWrite);
  const status = done ? 'building' : 'clearing';
  if (status === 'building') await db.patch(state._id as never, { status, cursor: null, updatedAt: Date.now() });
  return batchResult(table, aggregate, deleted, status);
}

/** The rows after `cursor` in `_creationTime` order that a Convex page of `numItems` within `limits` holds ({@link rangePage}). */
function rowsAfter(
  db: GenericDatabaseWriter<any>,
  table: string,
  cursor: number | null,
  numItems: number,
  limits: PageReadLimits,
): ReturnType<typeof rangePage> {
  const range = db
    .query(table)
    .withIndex('by_creation_time', (q: any) => (cursor === null ? q : q.gt('_creationTime', cursor)));
  return rangePage(db, range as AsyncIterable<Record<string, unknown>>, numItems, limits);
}

/**
 * One transaction of an aggregate index's backfill: counts the next
 * `batchSize` rows after the cursor (in `_creationTime` order, rows sharing
 * the last row's `_creationTime` included, so the cursor never splits them)
 * and moves the cursor past them in the same transaction, so each row is
 * counted exactly once however often a batch is retried. The batch runs on
 * the ORM's metered database: its page is read within what the transaction
 * has left, and its bucket writes are reserved before the first write, so a
 * batch that would pass a limit counts fewer rows and leaves the rest to the
 * next batch ({@link fittingBatch}). A batch that reaches the end of the
 * table with every row it read counted marks the index ready. Writes
 * meanwhile keep the rows behind the cursor counted (`counts` in state.ts).
 * An index a repair is clearing gets a batch of bucket deletions instead, as
 * does one whose buckets were built for another definition (changed key
 * fields, summed columns or shards; or a state from before definitions were
 * recorded): it is marked `clearing` for the current definition first.
 */
export async function backfillBatch(
  db: GenericDatabaseWriter<any>,
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  batchSize: number,
): Promise<BackfillBatch> {
  checkBackfillBatchSize(batchSize, table.name, aggregate.name);
  return batchFrom(db, table, aggregate, batchSize, await readState(db, table.name, aggregate));
}

/** {@link backfillBatch} from the index's state as read (`read`) in this transaction. */
async function batchFrom(
  db: GenericDatabaseWriter<any>,
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  batchSize: number,
  read: AggregateState | null,
): Promise<BackfillBatch> {
  const state =
    read === null || isCurrent(read, aggregate) ? read : await markClearing(db, table.name, aggregate, read);
  if (state?.status === 'clearing') return clearBatch(db, table, aggregate, state, batchSize);
  if (state?.status === 'ready') return batchResult(table, aggregate, 0, 'ready');
  const meter = meterOf(db);
  const cursor = state?.cursor ?? null;
  const page = await rowsAfter(db, table.name, cursor, batchSize, backfillPageLimits(meter, table.name));
  const rows = page.docs;
  const last = rows[rows.length - 1]?._creationTime as number | undefined;
  if (last !== undefined && !page.isDone) {
    const seen = new Set(rows.map((row) => row._id));
    const ties = await db
      .query(table.name)
      .withIndex('by_creation_time', (q: any) => q.eq('_creationTime', last))
      .take(batchSize + 1);
    // Bounded like every read: more ties than a batch could never be counted in one transaction.
    if (ties.length > batchSize) {
      throw new OrmError(
        'MIGRATION_FAILED',
        `Backfill of aggregate index "${aggregate.name}" on "${table.name}" found more than ${batchSize} rows with _creationTime ${last}; run it with a larger batch size.`,
        { table: table.name, details: { index: aggregate.name, batchSize } },
      );
    }
    rows.push(...ties.filter((row: Record<string, unknown>) => !seen.has(row._id)));
  }
  const { count, deltas, held } = fittingBatch(meter, table, aggregate, rows, state);
  // The bucket reads were reserved: they go around the budget meter, which gets back what was not read.
  try {
    const reads = await deltas.apply(aroundBudget(db), held);
    meter?.countReadsAround(reads);
  } finally {
    held?.release();
  }
  const status = page.isDone && count === rows.length ? 'ready' : 'building';
  const next = {
    status,
    cursor: (rows[count - 1]?._creationTime as number | undefined) ?? cursor,
    updatedAt: Date.now(),
  };
  if (state) await db.patch(state._id as never, next);
  else
    await db.insert(STATE_TABLE, {
      table: table.name,
      index: aggregate.name,
      definition: definitionOf(aggregate),
      ...next,
    });
  return batchResult(table, aggregate, count, status);
}

/** Where one aggregate index stands, for `migrate status`. */
export interface AggregateIndexStatus {
  readonly table: string;
  readonly index: string;
  /**
   * `pending`: its backfill has not started; `changed`: its buckets were built for another
   * definition (the backfill rebuilds them); until `ready`, reads fall back to the bounded scan.
   * `removed`: no longer in the schema; the backfill deletes its buckets, then its state.
   */
  readonly status: 'pending' | 'changed' | 'removed' | AggregateState['status'];
}

/** An aggregate index of the schema, its state as read, and its status. */
interface PresentIndex {
  readonly table: TableConfig;
  readonly aggregate: AggregateIndexConfig;
  readonly state: AggregateState | null;
  readonly status: AggregateIndexStatus['status'];
}

/** Every aggregate index of `tables` in the schema: one state read each. */
async function presentIndexes(db: GenericDatabaseReader<any>, tables: readonly TableConfig[]): Promise<PresentIndex[]> {
  const indexes: PresentIndex[] = [];
  for (const table of tables) {
    for (const aggregate of table.aggregateIndexes) {
      const state = await readState(db, table.name, aggregate);
      const status = state === null ? 'pending' : isCurrent(state, aggregate) ? state.status : 'changed';
      indexes.push({ table, aggregate, state, status });
    }
  }
  return indexes;
}

const removedStatus = (state: AggregateState): AggregateIndexStatus => ({
  table: state.table,
  index: state.index,
  status: 'removed',
});

/**
 * The status of every aggregate index of `tables`, then of each index no
 * longer in the schema whose state is left (one bounded read of the state
 * table).
 */
export async function aggregateStatuses(
  db: GenericDatabaseReader<any>,
  tables: Iterable<TableConfig>,
): Promise<AggregateIndexStatus[]> {
  const all = [...tables];
  const present = (await presentIndexes(db, all)).map(({ table, aggregate, status }) => ({
    table: table.name,
    index: aggregate.name,
    status,
  }));
  return [...present, ...(await removedStates(db, all)).map(removedStatus)];
}

/** What one `backfillAggregates` call did, and how many indexes still need batches. */
export interface BackfillStep {
  /** `null`: every index is ready and no removed index is left to clean up. */
  readonly batch: BackfillBatch | null;
  /** Indexes still needing batches; removed ones are counted once at most one present index is not ready. */
  readonly remaining: number;
}

/**
 * One backfill batch of the first aggregate index that is not ready (the
 * `backfillAggregates` function the CLI calls until `remaining` is 0); an
 * index no longer in the schema gets a batch of its cleanup
 * (`clearRemovedBatch`) once every present one is ready. The state table is
 * read for removed indexes only when at most one present index is not
 * ready, before the batch, so the batch's page is sized to what is left;
 * the batch goes on from the state read for the statuses.
 */
export async function backfillNext(
  db: GenericDatabaseWriter<any>,
  tables: Iterable<TableConfig>,
  batchSize: number,
): Promise<BackfillStep> {
  // A database the ORM did not meter yet counts its own reads against the default budget.
  db = transactionDb(db, DEFAULT_TRANSACTION_BUDGET);
  await meterOf(db)?.sync();
  const all = [...tables];
  const notReady = (await presentIndexes(db, all)).filter((index) => index.status !== 'ready');
  const removed = notReady.length > 1 ? [] : await removedStates(db, all);
  const next = notReady[0];
  if (next) {
    checkBackfillBatchSize(batchSize, next.table.name, next.aggregate.name);
    const batch = await batchFrom(db, next.table, next.aggregate, batchSize, next.state);
    const remaining = notReady.length + removed.length;
    return { batch, remaining: batch.status === 'ready' ? remaining - 1 : remaining };
  }
  const state = removed[0];
  if (!state) return { batch: null, remaining: 0 };
  checkBackfillBatchSize(batchSize, state.table, state.index);
  const { processed, done } = await clearRemovedBatch(db, state, batchSize);
  const batch = { table: state.table, index: state.index, processed, status: 'removed' as const };
  return { batch, remaining: done ? removed.length - 1 : removed.length };
}
