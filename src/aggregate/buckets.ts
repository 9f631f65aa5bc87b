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

/** A stored bucket: one key value of one aggregate index. */
export interface Bucket extends BucketTotals {
  readonly _id: string;
  readonly table: string;
  readonly index: string;
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

/** The bucket of `key`, if stored (one index range, at most one document). */
export function readBucket(
  db: GenericDatabaseReader<any>,
  table: string,
  index: string,
  key: readonly Value[],
): Promise<Bucket | null> {
  return db
    .query(BUCKET_TABLE)
    .withIndex('by_key', (q: any) =>
      key.reduce((range, value, i) => range.eq(KEY_SLOTS[i], value), q.eq('table', table).eq('index', index)),
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
 * Changes of buckets, merged per key so a statement that writes 1,000 rows
 * under one key writes its bucket once.
 */
export class BucketDeltas {
  private readonly deltas = new Map<
    string,
    { table: string; aggregate: AggregateIndexConfig; key: Value[]; totals: BucketTotals }
  >();

  /** Adds (`sign` 1) or removes (`-1`) a live row of `table` under `aggregate`. */
  add(table: TableConfig, aggregate: AggregateIndexConfig, row: Row, sign: 1 | -1): void {
    if (!isLive(table, row)) return;
    const key = keyOf(aggregate, row);
    const id = `${table.name}.${aggregate.name}:${keyId(key)}`;
    let delta = this.deltas.get(id);
    if (!delta) {
      delta = { table: table.name, aggregate, key, totals: { count: 0, sums: {} } };
      this.deltas.set(id, delta);
    }
    addRow(delta.totals, aggregate, row, sign);
  }

  /** Writes every changed bucket: one read and at most one write per key; empty buckets are deleted. */
  async apply(db: GenericDatabaseWriter<any>): Promise<void> {
    for (const { table, aggregate, key, totals } of this.deltas.values()) {
      const changed = totals.count !== 0 || Object.values(totals.sums).some(([sum, n]) => sum !== 0 || n !== 0);
      if (!changed) continue;
      const bucket = await readBucket(db, table, aggregate.name, key);
      const next: BucketTotals = { count: (bucket?.count ?? 0) + totals.count, sums: { ...bucket?.sums } };
      for (const [field, [sum, n]] of Object.entries(totals.sums)) {
        const [oldSum, oldN] = next.sums[field] ?? [0, 0];
        // No value left: drop the entry (and any float residue of the sum).
        if (oldN + n === 0) delete next.sums[field];
        else next.sums[field] = [oldSum + sum, oldN + n];
      }
      if (bucket && next.count === 0) await db.delete(bucket._id as never);
      else if (bucket) await db.patch(bucket._id as never, next);
      else await db.insert(BUCKET_TABLE, { table, index: aggregate.name, ...keySlots(key), ...next });
    }
    this.deltas.clear();
  }
}
