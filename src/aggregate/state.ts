import type { GenericDatabaseReader } from 'convex/server';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';

/** The state table of aggregate indexes (`reservedTables.ts`). */
export const STATE_TABLE = 'aggregate_state';

/**
 * Where an aggregate index stands; no document means its backfill has not
 * started. `clearing`: its buckets are stale (a repair started, or writes
 * were made under another definition of the index: {@link missesWrites}) and
 * the backfill deletes them before it counts every row again; `building`: the
 * backfill is counting the rows.
 */
export interface AggregateState {
  readonly _id: string;
  readonly table: string;
  readonly index: string;
  readonly status: 'clearing' | 'building' | 'ready';
  /** The definition its buckets are built for (`definitionOf`); absent in states written before it was recorded. */
  readonly definition?: string;
  /** Rows created at or before this `_creationTime` are counted (while building). */
  readonly cursor: number | null;
  readonly updatedAt: number;
}

const definitions = new WeakMap<AggregateIndexConfig, string>();

/**
 * What an index's buckets mean: its key fields (in order), its summed fields
 * and its shard count, with summed fields the format of their sums
 * (`exact`: `encodeSum`; buckets of a version that kept running float sums
 * are rebuilt), and with `deletion()` its column: the buckets leave out the
 * rows where it is set (`isLive`), so adding, removing or moving it changes
 * which rows they must count (recorded only when set, so the definition of
 * a table without `deletion()` is what it was). `_min`/`_max` are not in it:
 * they are read through Convex indexes on the table, not from buckets, so
 * changing them needs no rebuild. Nor is a summed column's kind: a `bigint()` column's int64s are
 * kept in the same units as numbers (`addValue`), so the definitions of indexes built before
 * `bigint()` sums were kept are what they were.
 */
export function definitionOf(aggregate: AggregateIndexConfig): string {
  let definition = definitions.get(aggregate);
  if (definition === undefined) {
    const { key, summed, shards, deletionColumn } = aggregate;
    const sums = summed.length > 0 ? { sums: 'exact' } : {};
    const deletion = deletionColumn === undefined ? {} : { deletion: deletionColumn };
    definition = JSON.stringify({ key, summed: [...summed].sort(), shards, ...sums, ...deletion });
    definitions.set(aggregate, definition);
  }
  return definition;
}

/** True when a state's buckets were built for the schema's current definition of the index. */
export function isCurrent(state: AggregateState | null, aggregate: AggregateIndexConfig): state is AggregateState {
  return state !== null && state.definition === definitionOf(aggregate);
}

/**
 * True when a write under the schema's definition of the index leaves its
 * buckets behind unseen and nothing would rebuild them before they are
 * served again: they were built for another definition (writes leave them
 * alone, {@link counts}) and are not being cleared. Were that definition
 * restored before a backfill ran (a `convex dev` edit undone), they would be
 * served missing the write, so the statement marks the state `clearing`
 * (`BucketDeltas.markStale`), once: later writes find it so.
 */
export function missesWrites(state: AggregateState | null, aggregate: AggregateIndexConfig): state is AggregateState {
  return state !== null && state.status !== 'clearing' && !isCurrent(state, aggregate);
}

/** True when the index serves reads: backfilled for its current definition. */
export function isServed(state: AggregateState | null, aggregate: AggregateIndexConfig): boolean {
  return isCurrent(state, aggregate) && state.status === 'ready';
}

/** The state document of one aggregate index, or null before its backfill starts. */
export function readState(
  db: GenericDatabaseReader<any>,
  table: string,
  aggregate: AggregateIndexConfig,
): Promise<AggregateState | null> {
  return db
    .query(STATE_TABLE)
    .withIndex('by_index', (q: any) => q.eq('table', table).eq('index', aggregate.name))
    .unique() as Promise<AggregateState | null>;
}

/**
 * True when a row is in the index's buckets already: every row once the
 * index is ready; while building, the rows the backfill has passed (an
 * inserted row has no `_creationTime` yet: it is newer than any cursor);
 * none while a repair clears the buckets (its cursor is null), and none
 * while the buckets were built for another definition of the index (the
 * backfill clears and rebuilds them).
 */
export function counts(
  state: AggregateState | null,
  aggregate: AggregateIndexConfig,
  row: Record<string, unknown>,
): boolean {
  if (!isCurrent(state, aggregate)) return false;
  if (state.status === 'ready') return true;
  const created = row._creationTime;
  return state.cursor !== null && typeof created === 'number' && created <= state.cursor;
}
