import type { GenericDatabaseWriter } from 'convex/server';
import { eq, inArray } from '../filter/operators.js';
import type { MutationApi } from '../mutation/index.js';
import { type Doc, StatementReader } from '../mutation/reader.js';
import type { DrainStep, ScheduledDeleteArgs } from '../mutation/scheduleDeletes.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { AnyColumn } from '../schema/column.js';
import type { ResolvedForeignKey } from '../schema/registry.js';
import type { AnyTable } from '../schema/table.js';

// A scheduled hard delete of one row whose cascade does not fit one transaction is drained: each
// job removes a batch of the rows that cascade from the row at the top of `args.drain` (their own
// cascades, triggers and aggregates run as in any delete), halving the batch when even that does
// not fit and going down into a single row whose own cascade does not fit; a row with nothing left
// referencing it is deleted and popped, the row asked for last, as the job's ordinary statement.

/** Rows of one referencing table one drain job deletes at first: halved while they do not fit, doubled back after. */
export const DRAIN_BATCH = 1024;

/** What a drain job does with its statement's outcome: how the drain goes on. */
export type DrainOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'next'; readonly drain: DrainStep[] }
  | { readonly kind: 'root' };

/** What one drain job needs: the ORM's schema and a db without rules, over the job's database. */
export interface DrainContext {
  readonly schema: SchemaContext;
  readonly db: Pick<MutationApi, 'delete'>;
  readonly raw: GenericDatabaseWriter<any>;
}

/**
 * Runs one job of the drain `args.drain` (the row asked for first, then the
 * rows gone down into): `root` when the row asked for has nothing left
 * cascading from it (the caller deletes it as any scheduled delete), `done`
 * when it was restored, given another deletion time or deleted meanwhile,
 * else the drain to schedule next. A batch statement whose error
 * `retryable` accepts (a limit error with nothing written) is answered by
 * half the batch, or, for a single row, by going down into it; any other
 * error is thrown.
 */
export async function drainOnce(
  context: DrainContext,
  args: ScheduledDeleteArgs & { drain: DrainStep[] },
  retryable: (error: unknown) => boolean,
): Promise<DrainOutcome> {
  const { schema, raw } = context;
  const drain = args.drain;
  const root = await raw.get(args.table, args.ids[0] as never);
  const column = schema.schema.registry.table(args.table).deletion!.column;
  if (!root || root[column] !== args.deletedAt) return { kind: 'done' };
  const top = drain[drain.length - 1]!;
  const row = drain.length === 1 ? (root as Doc) : ((await raw.get(top.table, top.id as never)) as Doc | null);
  const rest = drain.slice(0, -1);
  if (!row) return { kind: 'next', drain: rest };
  const batch = await cascadingBatch(schema, raw, row, top, drain);
  if (!batch) {
    if (drain.length === 1) return { kind: 'root' };
    await deleteRows(context, top.table, [top.id]);
    return { kind: 'next', drain: rest };
  }
  try {
    await deleteRows(context, batch.table, batch.ids);
  } catch (error) {
    if (!retryable(error)) throw error;
    if (batch.ids.length > 1) {
      return { kind: 'next', drain: [...rest, { ...top, batch: Math.ceil(batch.ids.length / 2) }] };
    }
    return { kind: 'next', drain: [...drain, { table: batch.table, id: batch.ids[0]!, batch: DRAIN_BATCH }] };
  }
  return { kind: 'next', drain: [...rest, { ...top, batch: Math.min(DRAIN_BATCH, top.batch * 2) }] };
}

/**
 * Up to `top.batch` rows that reference `row` through an `onDelete:
 * 'cascade'` key, all of one table (the first key holding any), read from
 * the key's index; rows the drain is going down through are not among them
 * (a cycle of references leads back to them). `null` when none is left.
 */
async function cascadingBatch(
  schema: SchemaContext,
  raw: GenericDatabaseWriter<any>,
  row: Doc,
  top: DrainStep,
  drain: readonly DrainStep[],
): Promise<{ table: string; ids: string[] } | null> {
  const { registry } = schema.schema;
  const reader = new StatementReader(raw);
  const draining = new Set(drain.map((step) => step.id));
  for (const fk of registry.referencesTo(top.table)) {
    if (fk.onDelete !== 'cascade') continue;
    const key = keyOf(fk, row);
    if (!key) continue;
    const docs = await reader.byFields(registry.table(fk.table), fk.fields, key, top.batch + draining.size);
    const ids = docs.map((doc) => doc._id as string).filter((id) => !draining.has(id));
    if (ids.length > 0) return { table: fk.table, ids: ids.slice(0, top.batch) };
  }
  return null;
}

/** The values of `row` that `fk` references, or `null` when one is null (nothing references a null key). */
function keyOf(fk: ResolvedForeignKey, row: Doc): unknown[] | null {
  const key = fk.foreignFields.map((field) => row[field]);
  return key.some((value) => value === null || value === undefined) ? null : key;
}

/** Hard-deletes rows of `table` by id through the ORM: their cascades, triggers and aggregates run. */
async function deleteRows(context: DrainContext, tableName: string, ids: string[]): Promise<void> {
  const table = context.schema.schema.tables[context.schema.keyOf(tableName)] as AnyTable & { _id: AnyColumn };
  const where = ids.length === 1 ? eq(table._id, ids[0]) : inArray(table._id, ids);
  await context.db.delete(table).hard().where(where);
}
