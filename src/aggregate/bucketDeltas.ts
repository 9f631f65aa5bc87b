import type { GenericDatabaseWriter } from 'convex/server';
import type { Value } from 'convex/values';
import { OrmError } from '../errors.js';
import { CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { documentSize } from '../limits/documentSize.js';
import type { HeldWrites } from '../limits/heldWrites.js';
import { addTotals, type Mutable, NO_WRITES, type WriteTotals } from '../limits/limitTotals.js';
import { oversizedDocument } from '../limits/oversizedDocument.js';
import type { ReadCounts } from '../limits/transactionMeter.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import {
  addRow,
  BUCKET_TABLE,
  type BucketTotals,
  isLive,
  keyId,
  keyOf,
  keySlots,
  readBucket,
  shardOf,
  totalsOf,
} from './buckets.js';
import { addSum, encodeSum, fieldSum, isEmptySum, MAX_STORED_SUM_LENGTH } from './exactSum.js';
import type { AggregateState } from './state.js';

type Row = Record<string, unknown>;

/** One key value of one aggregate index; `name` tells it apart in maps. */
interface BucketKey {
  readonly table: string;
  readonly aggregate: AggregateIndexConfig;
  readonly key: Value[];
  readonly name: string;
}

/** The change of one shard's bucket of a key. */
interface Delta {
  readonly of: BucketKey;
  readonly shard: number;
  readonly totals: BucketTotals;
}

/** A row the statement will insert under a sharded index: its shard waits for its `_id`. */
interface PendingInsert {
  readonly of: BucketKey;
  readonly row: Row;
  /** Its place among the statement's changes. */
  readonly change: number;
}

/**
 * The most a statement's bucket changes cost (what {@link BucketDeltas.reservation} reserves), how
 * many buckets and whose, and how many aggregate states it marks stale.
 */
export interface BucketReservation extends WriteTotals {
  readonly buckets: number;
  /** The aggregate states it marks stale (`missesWrites`). */
  readonly staleStates: number;
  /** The tables whose buckets change, in the order first changed. */
  readonly tables: readonly string[];
  /** The largest bucket document written, at its size bound ({@link BucketDeltas.reservation}); `null` with no bucket. */
  readonly largest: LargestBucket | null;
}

/** One bucket document a statement writes: whose, and its size bound as Convex sizes it. */
export interface LargestBucket {
  readonly table: string;
  readonly aggregate: AggregateIndexConfig;
  readonly documentBytes: number;
}

function bucketKey(table: TableConfig, aggregate: AggregateIndexConfig, row: Row): BucketKey {
  const key = keyOf(aggregate, row);
  return { table: table.name, aggregate, key, name: `${table.name}.${aggregate.name}:${keyId(key)}` };
}

/** True when a delta changes its bucket (rows moved within one bucket cancel out). */
function changes(totals: BucketTotals): boolean {
  return totals.count !== 0 || Object.values(totals.sums).some((sum) => !isEmptySum(sum));
}

/**
 * A safe upper bound of a key's bucket document size, as Convex sizes it
 * (system fields included): its key, shard and count, and the longest
 * stored exact sum of every summed field (every number takes 9 bytes,
 * whatever its value). Exact for an index without sums.
 */
function bucketSizeBound({ table, aggregate, key }: BucketKey): number {
  const longest = new Array<number>(MAX_STORED_SUM_LENGTH).fill(0);
  const sums = Object.fromEntries(aggregate.summed.map((field) => [field, longest]));
  return documentSize({ table, index: aggregate.name, ...keySlots(key), shard: 0, count: 0, sums });
}

/**
 * Throws when the largest bucket a statement writes would pass Convex's 1 MiB: a bucket holds its
 * key's values beside its counts, so a row that fits can key a bucket that does not. Its size is
 * stated unless not `shown` ({@link oversizedDocument}).
 */
export function checkBucketSize({ table, aggregate, documentBytes }: LargestBucket, shown = true): void {
  if (documentBytes <= CONVEX_VALUE_LIMITS.documentBytes) return;
  const key = aggregate.key.map((field) => `"${field}"`).join(', ');
  const stored = oversizedDocument(documentBytes, shown);
  throw new OrmError(
    'VALIDATION',
    `A bucket of aggregate index "${aggregate.name}" of "${table}" (keyed on ${key}) would be stored ${stored.words}; shorten the key's value, or key the index on a shorter column.`,
    { table, details: { index: aggregate.name, key: [...aggregate.key], ...stored.details } },
  );
}

/**
 * One bucket's share of {@link BucketDeltas.reservation}, of `size` bytes, sent in this step (its
 * write; its read was sent before it, and is counted twice until the next sync, on the safe
 * side): off the hold; when the bucket was not there, the reads reserved for it are given back.
 */
function madeBucket(held: HeldWrites, size: number, found: boolean): void {
  if (found) {
    held.made({
      ...NO_WRITES,
      documentsWritten: 1,
      bytesWritten: size,
      documentsRead: 2,
      bytesRead: 2 * size,
      indexRanges: 2,
    });
    return;
  }
  held.made({ ...NO_WRITES, documentsWritten: 1, bytesWritten: size, indexRanges: 1 });
  held.unmade({ ...NO_WRITES, documentsRead: 2, bytesRead: 2 * size, indexRanges: 1 });
}

/** What marking `state` stale costs: Convex reads the state it patches (by its `by_id` range: the state was read by index). */
function staleMarkTotals(state: AggregateState): WriteTotals {
  const read = documentSize(state as unknown as Row);
  const written = documentSize({ ...state, ...STALE } as unknown as Row);
  return {
    ...NO_WRITES,
    documentsWritten: 1,
    bytesWritten: written,
    documentsRead: 1,
    bytesRead: read,
    indexRanges: 1,
  };
}

/** A stale state's fields (its definition kept): the backfill deletes its buckets, then counts every row again. */
const STALE = { status: 'clearing', cursor: null, updatedAt: 0 } as const;

/** Counts one more changed bucket of key `of`. */
function countBucket(perKey: Map<string, { of: BucketKey; buckets: number }>, of: BucketKey): void {
  const entry = perKey.get(of.name);
  if (entry) entry.buckets++;
  else perKey.set(of.name, { of, buckets: 1 });
}

/**
 * Changes of buckets, merged per key and shard so a statement that writes
 * 1,000 rows under one key writes each of its shards' buckets once. A
 * statement groups its changes before its first write ({@link reservation}
 * is then known); rows it inserts into a sharded index get their shard from
 * their `_id` once written ({@link placeInserts}).
 */
export class BucketDeltas {
  private readonly deltas = new Map<string, Delta>();
  private pending: PendingInsert[] = [];
  private readonly stale: { readonly state: AggregateState; readonly totals: WriteTotals }[] = [];

  /** Marks `state` `clearing` with the statement's writes: its buckets miss them (`missesWrites`). */
  markStale(state: AggregateState): void {
    this.stale.push({ state, totals: staleMarkTotals(state) });
  }

  /** Adds (`sign` 1) or removes (`-1`) a live row of `table` under `aggregate`; `id` is the row's `_id`. */
  add(table: TableConfig, aggregate: AggregateIndexConfig, row: Row, id: string, sign: 1 | -1): void {
    if (isLive(table, row)) this.addTo(bucketKey(table, aggregate, row), shardOf(aggregate, id), row, sign);
  }

  /** Adds a live row the statement will insert, its `change`-th; a sharded index waits for its `_id`. */
  addInsert(table: TableConfig, aggregate: AggregateIndexConfig, row: Row, change: number): void {
    if (!isLive(table, row)) return;
    const of = bucketKey(table, aggregate, row);
    if (aggregate.shards === 1) this.addTo(of, 0, row, 1);
    else this.pending.push({ of, row, change });
  }

  /** Puts the inserted rows in the shards their `_id`s pick (`idOf` the `_id` of the statement's change). */
  placeInserts(idOf: (change: number) => string): void {
    for (const { of, row, change } of this.pending) this.addTo(of, shardOf(of.aggregate, idOf(change)), row, 1);
    this.pending = [];
  }

  private addTo(of: BucketKey, shard: number, row: Row, sign: 1 | -1): void {
    const name = `${of.name}#${shard}`;
    let delta = this.deltas.get(name);
    if (!delta) {
      delta = { of, shard, totals: { count: 0, sums: {} } };
      this.deltas.set(name, delta);
    }
    addRow(delta.totals, of.aggregate, row, sign);
  }

  /**
   * The most {@link apply} will cost, known before the statement's first
   * write: per key, its changed shards plus its rows still to place, at most
   * its shard count; per bucket at most two index ranges (its read by key,
   * then the `by_id` range Convex reads for the patch or delete), its
   * document read at most twice (by the range, then by the patch or delete)
   * and one write, each of at most {@link bucketSizeBound} bytes; and each
   * stale state's patch.
   */
  reservation(): BucketReservation {
    const perKey = new Map<string, { of: BucketKey; buckets: number }>();
    for (const delta of this.deltas.values()) if (changes(delta.totals)) countBucket(perKey, delta.of);
    for (const insert of this.pending) countBucket(perKey, insert.of);
    let buckets = 0;
    let bytes = 0;
    let largest: LargestBucket | null = null;
    const tables = new Set<string>();
    for (const { of, buckets: changed } of perKey.values()) {
      const written = Math.min(of.aggregate.shards, changed);
      const size = bucketSizeBound(of);
      buckets += written;
      bytes += written * size;
      if (size > (largest?.documentBytes ?? 0))
        largest = { table: of.table, aggregate: of.aggregate, documentBytes: size };
      tables.add(of.table);
    }
    const totals: Mutable<WriteTotals> = {
      ...NO_WRITES,
      documentsWritten: buckets,
      bytesWritten: bytes,
      documentsRead: 2 * buckets,
      bytesRead: 2 * bytes,
      indexRanges: 2 * buckets,
    };
    for (const { state, totals: mark } of this.stale) {
      addTotals(totals, mark);
      tables.add(state.table);
    }
    return { ...totals, buckets, staleStates: this.stale.length, tables: [...tables], largest };
  }

  /**
   * Marks the stale states, then writes every changed bucket: one read and
   * at most one write per key and shard; empty buckets are deleted. `held`
   * holds what {@link reservation} reserved (the reads go around the meter):
   * each state's and bucket's share comes off it in the step that sends its
   * write, and the reads reserved for a bucket that was not there (an insert
   * reads no `by_id` range) are given back. Returns what it read.
   */
  async apply(db: GenericDatabaseWriter<any>, held: HeldWrites | null): Promise<ReadCounts> {
    const reads = { documents: 0, ranges: 0 };
    for (const { state, totals } of this.stale) {
      if (held) held.made(totals);
      await db.patch(state._id as never, { ...STALE, updatedAt: Date.now() });
    }
    this.stale.length = 0;
    for (const { of, shard, totals } of this.deltas.values()) {
      if (!changes(totals)) continue;
      const { table, aggregate, key } = of;
      reads.ranges++;
      const bucket = await readBucket(db, table, aggregate.name, key, shard);
      if (bucket) reads.documents++;
      if (held) madeBucket(held, bucketSizeBound(of), bucket !== null);
      const next: BucketTotals = bucket ? totalsOf(bucket) : { count: 0, sums: {} };
      next.count += totals.count;
      for (const [field, sum] of Object.entries(totals.sums)) {
        const nextSum = fieldSum(next.sums, field);
        addSum(nextSum, sum);
        // No value left (exact sums leave nothing behind): drop the entry.
        if (nextSum.count === 0) delete next.sums[field];
      }
      const stored = {
        count: next.count,
        sums: Object.fromEntries(Object.entries(next.sums).map(([field, sum]) => [field, encodeSum(sum)])),
      };
      if (bucket && next.count === 0) await db.delete(bucket._id as never);
      else if (bucket) await db.patch(bucket._id as never, stored);
      else await db.insert(BUCKET_TABLE, { table, index: aggregate.name, ...keySlots(key), shard, ...stored });
    }
    this.deltas.clear();
    return reads;
  }
}
