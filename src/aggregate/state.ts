import type { GenericDatabaseReader } from 'convex/server';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';

/** The state table of aggregate indexes (`reservedTables.ts`). */
export const STATE_TABLE = 'aggregate_state';

/**
 * Where an aggregate index stands; no document means its backfill has not
 * started. `clearing`: a repair is deleting its buckets before the backfill
 * counts every row again; `building`: the backfill is counting the rows.
 */
export interface AggregateState {
  readonly _id: string;
  readonly table: string;
  readonly index: string;
  readonly status: 'clearing' | 'building' | 'ready';
  /** Rows created at or before this `_creationTime` are counted (while building). */
  readonly cursor: number | null;
  readonly updatedAt: number;
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
 * none while a repair clears the buckets (its cursor is null).
 */
export function counts(state: AggregateState | null, row: Record<string, unknown>): boolean {
  if (state === null) return false;
  if (state.status === 'ready') return true;
  const created = row._creationTime;
  return state.cursor !== null && typeof created === 'number' && created <= state.cursor;
}
