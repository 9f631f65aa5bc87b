import type { GenericDatabaseWriter } from 'convex/server';
import { OrmError } from '../errors.js';
import type { AggregateIndexConfig } from '../schema/aggregateConfig.js';
import type { TableConfig } from '../schema/table.js';
import { type AggregateState, definitionOf, readState, STATE_TABLE } from './state.js';

/** Which aggregate indexes a repair rebuilds: all, a table's, or one by name (the function's args). */
export type RepairTarget = {
  readonly table?: string;
  readonly index?: string;
};

/** The aggregate indexes a repair started: the backfill (`backfillNext`) clears and rebuilds them. */
export interface RepairStart {
  readonly indexes: readonly { readonly table: string; readonly index: string }[];
}

/**
 * Marks an aggregate index `clearing` for its current definition (one state
 * write): the backfill then deletes its buckets and counts every row again.
 * Returns the state as written.
 */
export async function markClearing(
  db: GenericDatabaseWriter<any>,
  table: string,
  aggregate: AggregateIndexConfig,
  state: AggregateState | null,
): Promise<AggregateState> {
  const clearing = {
    status: 'clearing' as const,
    cursor: null,
    definition: definitionOf(aggregate),
    updatedAt: Date.now(),
  };
  if (state) {
    await db.patch(state._id as never, clearing);
    return { ...state, ...clearing };
  }
  const _id = await db.insert(STATE_TABLE, { table, index: aggregate.name, ...clearing });
  return { _id, table, index: aggregate.name, ...clearing };
}

/**
 * Starts the repair of aggregate indexes whose buckets raw `ctx.db` writes
 * made stale: marks each `clearing` (one state write per index), so reads
 * fall back to the bounded scan and writes stop touching its buckets; the
 * backfill batches then delete its buckets and count every row again, as
 * for a new index, so rows written during the rebuild are counted exactly
 * once. An unknown table or index rejects before anything is written.
 */
export async function startRepair(
  db: GenericDatabaseWriter<any>,
  tables: Iterable<TableConfig>,
  target: RepairTarget,
): Promise<RepairStart> {
  const all = [...tables];
  const scoped = target.table === undefined ? all : all.filter((table) => table.name === target.table);
  if (target.table !== undefined && scoped.length === 0) {
    throw new OrmError(
      'INVALID_OPTION',
      `Cannot repair aggregates of "${target.table}": no such table in the schema.`,
      {
        table: target.table,
      },
    );
  }
  const selected = scoped.flatMap((table) =>
    table.aggregateIndexes
      .filter((aggregate) => target.index === undefined || aggregate.name === target.index)
      .map((aggregate) => ({ table, aggregate })),
  );
  if (selected.length === 0) {
    const index = target.index === undefined ? 'aggregate index' : `aggregate index "${target.index}"`;
    const where = target.table === undefined ? `no table has an ${index}` : `table "${target.table}" has no ${index}`;
    throw new OrmError('INVALID_OPTION', `Nothing to repair: ${where}.`, {
      ...(target.table === undefined ? {} : { table: target.table }),
    });
  }
  for (const { table, aggregate } of selected) {
    await markClearing(db, table.name, aggregate, await readState(db, table.name, aggregate));
  }
  return { indexes: selected.map(({ table, aggregate }) => ({ table: table.name, index: aggregate.name })) };
}
