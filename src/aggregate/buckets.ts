import type { GenericDatabaseReader, GenericDatabaseWriter } from 'convex/server';
import type { Value } from 'convex/values';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';

/** The bucket table and its key slots (`reservedTables.ts`). */
export const BUCKET_TABLE = 'aggregate_bucket';
export const KEY_SLOTS = ['k0', 'k1', 'k2', 'k3'] as const;

/** What one bucket holds: rows counted and, per summed field, `[sum, non-null count]`. */
export interface BucketTotals {
  count: number;
  sums: Record<string, [number, number]>;
}

/** A stored bucket: one shard of one key value of one aggregate index. */
export interface Bucket extends BucketTotals {
  readonly _id: string;
  readonly table: string;
  readonly index: string;
  readonly shard?: number;
  readonly [slot: string]: unknown;
}

type Row = Record<string, unknown>;

/** A row's key value under `aggregate`: its key fields, absent read as null. */
export function keyOf(aggregate: AggregateIndexConfig, row: Row): Value[] {
  return aggregate.key.map((field) => (row[field] ?? null) as Value);
}

/** A map key for a key value (Convex values of different types never collide). */
export function keyId(key: readonly Value[]): string {
  return JSON.stringify(key.map((value) => [typeof value, String(value)]));
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
  for (const field of aggregate.summed) {
    const value = row[field];
    if (typeof value !== 'number') continue;
    const [sum, count] = totals.sums[field] ?? [0, 0];
    totals.sums[field] = [sum + sign * value, count + sign];
  }
}

/** True when a row of `table` is live: soft-deleted rows are left out of every aggregate (reads hide them too). */
export function isLive(table: TableConfig, row: Row): boolean {
  return !table.deletion || row[table.deletion.column] == null;
}

/**
 * Changes of buckets, merged per key and shard so a statement that writes
 * 1,000 rows under one key writes each of its shards' buckets once.
 */
export class BucketDeltas {
  private readonly deltas = new Map<
    string,
    { table: string; aggregate: AggregateIndexConfig; key: Value[]; shard: number; totals: BucketTotals }
  >();

  /** Adds (`sign` 1) or removes (`-1`) a live row of `table` under `aggregate`; `id` is the row's `_id`. */
  add(table: TableConfig, aggregate: AggregateIndexConfig, row: Row, id: string, sign: 1 | -1): void {
    if (!isLive(table, row)) return;
    const key = keyOf(aggregate, row);
    const shard = shardOf(aggregate, id);
    const bucketId = `${table.name}.${aggregate.name}:${keyId(key)}#${shard}`;
    let delta = this.deltas.get(bucketId);
    if (!delta) {
      delta = { table: table.name, aggregate, key, shard, totals: { count: 0, sums: {} } };
      this.deltas.set(bucketId, delta);
    }
    addRow(delta.totals, aggregate, row, sign);
  }

  /** Writes every changed bucket: one read and at most one write per key and shard; empty buckets are deleted. */
  async apply(db: GenericDatabaseWriter<any>): Promise<void> {
    for (const { table, aggregate, key, shard, totals } of this.deltas.values()) {
      const changed = totals.count !== 0 || Object.values(totals.sums).some(([sum, n]) => sum !== 0 || n !== 0);
      if (!changed) continue;
      const bucket = await readBucket(db, table, aggregate.name, key, shard);
      const next: BucketTotals = { count: (bucket?.count ?? 0) + totals.count, sums: { ...bucket?.sums } };
      for (const [field, [sum, n]] of Object.entries(totals.sums)) {
        const [oldSum, oldN] = next.sums[field] ?? [0, 0];
        // No value left: drop the entry (and any float residue of the sum).
        if (oldN + n === 0) delete next.sums[field];
        else next.sums[field] = [oldSum + sum, oldN + n];
      }
      if (bucket && next.count === 0) await db.delete(bucket._id as never);
      else if (bucket) await db.patch(bucket._id as never, next);
      else await db.insert(BUCKET_TABLE, { table, index: aggregate.name, ...keySlots(key), shard, ...next });
    }
    this.deltas.clear();
  }
}
