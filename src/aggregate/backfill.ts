import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import { OrmError } from '../errors.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { BucketDeltas } from './buckets.js';
import { readState, STATE_TABLE } from './state.js';

/** What one backfill batch did. */
export interface BackfillBatch {
  readonly table: string;
  readonly index: string;
  readonly processed: number;
  readonly status: 'building' | 'ready';
}

/**
 * One transaction of an aggregate index's backfill: counts the next
 * `batchSize` rows after the cursor (in `_creationTime` order, rows sharing
 * the last row's `_creationTime` included, so the cursor never splits them)
 * and moves the cursor past them in the same transaction, so each row is
 * counted exactly once however often a batch is retried. A batch that finds
 * fewer rows than `batchSize` marks the index ready. Writes meanwhile keep
 * the rows behind the cursor counted (`counts` in state.ts).
 */
export async function backfillBatch(
  db: GenericDatabaseWriter<any>,
  table: TableConfig,
  aggregate: AggregateIndexConfig,
  batchSize: number,
): Promise<BackfillBatch> {
  const state = await readState(db, table.name, aggregate);
  const result = (processed: number, status: 'building' | 'ready') => ({
    table: table.name,
    index: aggregate.name,
    processed,
    status,
  });
  if (state?.status === 'ready') return result(0, 'ready');
  const cursor = state?.cursor ?? null;
  const rows: Record<string, unknown>[] = await db
    .query(table.name)
    .withIndex('by_creation_time', (q: any) => (cursor === null ? q : q.gt('_creationTime', cursor)))
    .take(batchSize);
  const last = rows[rows.length - 1]?._creationTime as number | undefined;
  if (last !== undefined && rows.length === batchSize) {
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
  const deltas = new BucketDeltas();
  for (const row of rows) deltas.add(table, aggregate, row, String(row._id), 1);
  await deltas.apply(db);
  const status = rows.length < batchSize ? 'ready' : 'building';
  const next = { status, cursor: last ?? cursor, updatedAt: Date.now() };
  if (state) await db.patch(state._id as never, next);
  else await db.insert(STATE_TABLE, { table: table.name, index: aggregate.name, ...next });
  return result(rows.length, status);
}

/** Where one aggregate index stands, for `migrate status`. */
export interface AggregateIndexStatus {
  readonly table: string;
  readonly index: string;
  /** `pending`: its backfill has not started (reads fall back to the bounded scan). */
  readonly status: 'pending' | 'building' | 'ready';
}

/** The status of every aggregate index of `tables` (one state read each). */
export async function aggregateStatuses(
  db: GenericDatabaseReader<any>,
  tables: Iterable<TableConfig>,
): Promise<AggregateIndexStatus[]> {
  const statuses: AggregateIndexStatus[] = [];
  for (const table of tables) {
    for (const aggregate of table.aggregateIndexes) {
      const state = await readState(db, table.name, aggregate);
      statuses.push({ table: table.name, index: aggregate.name, status: state?.status ?? 'pending' });
    }
  }
  return statuses;
}

/** What one `backfillAggregates` call did, and how many indexes still need batches. */
export interface BackfillStep {
  readonly batch: BackfillBatch | null;
  readonly remaining: number;
}

/**
 * One backfill batch of the first aggregate index that is not ready (the
 * `backfillAggregates` function the CLI calls until `remaining` is 0).
 */
export async function backfillNext(
  db: GenericDatabaseWriter<any>,
  tables: Iterable<TableConfig>,
  batchSize: number,
): Promise<BackfillStep> {
  const all = [...tables];
  const statuses = await aggregateStatuses(db, all);
  const next = statuses.find((status) => status.status !== 'ready');
  if (!next) return { batch: null, remaining: 0 };
  const table = all.find((config) => config.name === next.table)!;
  const aggregate = table.aggregateIndexes.find((config) => config.name === next.index)!;
  const batch = await backfillBatch(db, table, aggregate, batchSize);
  const notReady = statuses.filter((status) => status.status !== 'ready').length;
  return { batch, remaining: batch.status === 'ready' ? notReady - 1 : notReady };
}
