import type { GenericDatabaseReader } from 'convex/server';
import type { Value } from 'convex/values';
import { valueKey } from '../filter/valueKey.js';
import { storedField } from '../ownField.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { addFieldValue, decodeSum, type ExactSum } from './exactSum.js';

/** The bucket table and its key slots (`reservedTables.ts`). */
export const BUCKET_TABLE = 'aggregate_bucket';
export const KEY_SLOTS = ['k0', 'k1', 'k2', 'k3'] as const;

/**
 * What one bucket holds: rows counted and, per summed field, the exact sum of its non-null values
 * (numbers, or a `bigint()` column's int64s, in the same units: `ExactSum`).
 */
export interface BucketTotals {
  count: number;
  sums: Record<string, ExactSum>;
}

/** A stored bucket: one shard of one key value of one aggregate index; its sums encoded (`encodeSum`). */
export interface Bucket {
  readonly _id: string;
  readonly table: string;
  readonly index: string;
  readonly shard?: number;
  readonly count: number;
  readonly sums: Record<string, readonly number[]>;
  readonly [slot: string]: unknown;
}

/** A stored bucket's totals, its sums decoded. */
export function totalsOf(bucket: Bucket): BucketTotals {
  const sums = Object.fromEntries(Object.entries(bucket.sums).map(([field, sum]) => [field, decodeSum(sum)]));
  return { count: bucket.count, sums };
}

type Row = Record<string, unknown>;

/** A row's key value under `aggregate`: its key fields, absent read as null. */
export function keyOf(aggregate: AggregateIndexConfig, row: Row): Value[] {
  return aggregate.key.map((field) => (storedField(row, field) ?? null) as Value);
}

/**
 * A map key for a key value: equal exactly when Convex's order says so
 * (`valueKey`), so `0` and `-0`, which Convex stores, indexes and filters
 * apart, are two keys. It names keys in memory only, never in stored buckets.
 */
export function keyId(key: readonly Value[]): string {
  return valueKey(key as Value[]);
}

/** The bucket document's fields for a key value. */
export function keySlots(key: readonly Value[]): Record<string, Value> {
  return Object.fromEntries(key.map((value, i) => [KEY_SLOTS[i]!, value]));
}

/**
 * The shard a row is counted in: its `_id` hashed (FNV-1a), so the same row
 * always lands in the same bucket and an update or delete finds it, while
 * concurrent inserts under one key spread over the key's shards.
 */
export function shardOf(aggregate: AggregateIndexConfig, rowId: string): number {
  if (aggregate.shards === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < rowId.length; i++) hash = Math.imul(hash ^ rowId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % aggregate.shards;
}

/**
 * One shard's bucket of `key`, if stored: one index range down to the shard
 * (unused key slots are absent, matched as `undefined`), so a writer reads
 * only its own shard and does not conflict with writers of the others.
 */
export function readBucket(
  db: GenericDatabaseReader<any>,
  table: string,
  index: string,
  key: readonly Value[],
  shard: number,
): Promise<Bucket | null> {
  return db
    .query(BUCKET_TABLE)
    .withIndex('by_key', (q: any) =>
      KEY_SLOTS.reduce((range, slot, i) => range.eq(slot, key[i]), q.eq('table', table).eq('index', index)).eq(
        'shard',
        shard,
      ),
    )
    .unique() as Promise<Bucket | null>;
}

/** Adds `sign` times a row to `totals` (nulls are not summed, as in SQL). */
export function addRow(totals: BucketTotals, aggregate: AggregateIndexConfig, row: Row, sign: 1 | -1): void {
  totals.count += sign;
  for (const field of aggregate.summed) addFieldValue(totals.sums, field, storedField(row, field), sign);
}

/** True when a row of `table` is live: soft-deleted rows are left out of every aggregate (reads hide them too). */
export function isLive(table: TableConfig, row: Row): boolean {
  return !table.deletion || storedField(row, table.deletion.column) == null;
}
