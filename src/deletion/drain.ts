import type { GenericDatabaseReader } from 'convex/server';
import type { GenericId } from 'convex/values';
import { OrmError, type OrmErrorCode } from '../errors.js';
import { eq, inArray } from '../filter/operators.js';
import { CONVEX_TRANSACTION_LIMITS, CONVEX_VALUE_LIMITS } from '../limits/convexLimits.js';
import { documentSize } from '../limits/documentSize.js';
import { deleteAtMost } from '../mutation/delete.js';
import { matches } from '../mutation/foreignKeys.js';
import type { MutationApi } from '../mutation/index.js';
import type { Doc } from '../mutation/reader.js';
import type { DrainStep, ScheduledDeleteArgs } from '../mutation/scheduleDeletes.js';
import { storedField } from '../ownField.js';
import type { SchemaContext } from '../query/schemaContext.js';
import type { ResolvedForeignKey } from '../schema/registry.js';

// A scheduled hard delete of one row whose cascade does not fit one transaction is drained: each
// job deletes a batch of the rows that cascade from the row at the top of `args.drain` (their own
// cascades, triggers and aggregates run as in any delete), halving the batch when even that does
// not fit and going down into a single row whose own cascade does not fit; a row with nothing left
// cascading from it is deleted and popped, the row asked for last, as the job's ordinary statement.

/**
 * Rows of one referencing table one drain job deletes at most: halved while they do not fit,
 * doubled back after, up to the size that did not fit only once {@link DRAIN_WAIT} more batches
 * below it fitted after the first (see {@link grown}). Convex counts a range for each delete, the row's `by_id`
 * (its `db.get` when the batch was read by id), within its 4,096 ranges a transaction.
 */
export const DRAIN_BATCH = 2048;

/**
 * How many batches below a size that did not fit are to fit after the first before a drain tries
 * that size again ({@link DrainStep.wait}): where the rows are alike, one job in this many plus 2
 * fails (the one that tries it).
 */
export const DRAIN_WAIT = 8;

/**
 * How many rows deep a drain goes down at most: each job reads every row of its path again, to
 * find the rows moved out of the cascade meanwhile (Convex allows 4,096 reads by id a transaction).
 */
export const MAX_DRAIN_DEPTH = 64;

/**
 * The bytes of its path (as read again) past which a drain goes no deeper, whatever its depth:
 * half of what Convex lets a transaction read, with room for one more row of Convex's largest,
 * so the job's own reads (the batch, its statement) have the other half.
 */
export const MAX_DRAIN_PATH_BYTES = CONVEX_TRANSACTION_LIMITS.bytesRead / 2 - CONVEX_VALUE_LIMITS.documentBytes;

/** What a drain job does next: stop, go on with the drain given, or delete the row asked for. */
export type DrainOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'next'; readonly drain: DrainStep[] }
  | { readonly kind: 'root' };

/** What a drain job reads and deletes with: the ORM's schema, its db without rules, the job's database. */
export interface DrainContext {
  readonly schema: SchemaContext;
  readonly db: Pick<MutationApi, 'delete'> & { readonly query: Readonly<Record<string, RowsOfTable>> };
  readonly raw: GenericDatabaseReader<any>;
}

/** What the drain asks of a table's `db.query`: the ids of a few rows. */
interface RowsOfTable {
  findMany(config: object): PromiseLike<readonly { readonly _id: unknown }[]>;
}

/**
 * Runs one job of the drain `args.drain` (the row asked for first, then the
 * rows gone down into, each reached through the cascade key `via`): `done`
 * when the row asked for no longer holds its deletion time (restored, deleted
 * again, gone), `root` when nothing is left cascading from it (the caller
 * deletes it as any scheduled delete), else the drain to schedule next. The
 * path is read again first and cut at the first row moved out of the cascade
 * (or gone) meanwhile: what hangs below it is no longer the cascade of the
 * row asked for. A batch whose read or delete fails with an error
 * `retryable` accepts (a limit error, or a `restrict` / `no action` refusal,
 * with nothing written) is halved, or for a single row, gone down into; a row
 * with nothing left below it whose delete does not fit (its cascade runs back
 * into the rows above it) or is refused (a row of the cascade not deleted yet
 * references it) waits in its parent's `skip` until the parent has nothing
 * else. Other errors throw.
 */
export async function drainOnce(
  context: DrainContext,
  args: ScheduledDeleteArgs & { drain: DrainStep[] },
  retryable: (error: unknown) => boolean,
): Promise<DrainOutcome> {
  const { schema, raw } = context;
  const root = (await raw.get(args.table, args.ids[0] as never)) as Doc | null;
  const column = schema.schema.registry.table(args.table).deletion!.column;
  if (!root || storedField(root, column) !== args.deletedAt) return { kind: 'done' };
  const { path, row, bytes } = await stillCascading(context, args.drain, root);
  const top = path[path.length - 1]!;
  const above = path.slice(0, -1);
  for (const cascade of cascadesFrom(context, row, top, path)) {
    // A batch at its full size is deleted by the statement that reads it. One halved after a batch
    // did not fit has its ids read first, so that when it does not fit either the job still knows
    // how many rows there were, or which one to go down into, even after the failed delete spent
    // the transaction's read budget.
    const drain: CascadeDrain = { context, cascade, path, bytes, retryable };
    const outcome = top.batch === DRAIN_BATCH ? await drainBatch(drain) : await drainIdsRead(drain);
    if (outcome) return outcome;
  }
  return above.length === 0 ? { kind: 'root' } : deleteTop(context, top, above, retryable);
}

/**
 * A job's drain of the rows of one cascade of the drain's top row: the path (the top last) and the
 * bytes of its rows as read again, and which errors the job may hand on to smaller jobs.
 */
interface CascadeDrain {
  readonly context: DrainContext;
  readonly cascade: Cascade;
  readonly path: readonly DrainStep[];
  readonly bytes: number;
  readonly retryable: (error: unknown) => boolean;
}

/**
 * Deletes up to the top's batch of `cascade`'s rows in the statement that
 * reads them; `null` when it has none. When they do not fit, their ids are
 * read to go on from ({@link notFitting}), or when that read does not fit
 * either, the batch is halved.
 */
async function drainBatch(drain: CascadeDrain): Promise<DrainOutcome | null> {
  const { context, cascade, path, retryable } = drain;
  const top = path[path.length - 1]!;
  let deleted: number;
  try {
    deleted = await deleteBatch(context, cascade, top.batch);
  } catch (error) {
    if (!retryable(error)) throw error;
    let ids: string[];
    try {
      ids = await cascadeIds(context, cascade, top.batch);
    } catch (readError) {
      if (!retryable(readError)) throw readError;
      return halved(path, top.batch);
    }
    return notFitting(drain, ids, error);
  }
  return deleted === 0 ? null : grown(path);
}

/**
 * Reads the ids of up to the top's batch of `cascade`'s rows, then deletes
 * them; `null` when it has none. A read that does not fit halves the batch
 * (for one row, fails the job); a delete that does not fit goes on from the
 * ids ({@link notFitting}).
 */
async function drainIdsRead(drain: CascadeDrain): Promise<DrainOutcome | null> {
  const { context, cascade, path, retryable } = drain;
  const top = path[path.length - 1]!;
  let ids: string[];
  try {
    ids = await cascadeIds(context, cascade, top.batch);
  } catch (error) {
    if (!retryable(error) || top.batch === 1) throw error;
    return halved(path, top.batch);
  }
  if (ids.length === 0) return null;
  try {
    await deleteRows(context, cascade.table, ids);
  } catch (error) {
    if (!retryable(error)) throw error;
    return notFitting(drain, ids, error);
  }
  return grown(path);
}

/**
 * The drain going on after the rows `ids` of `cascade` did not fit one
 * delete (`error`): with half of them, or for one row, down into it, to
 * drain what cascades from it first; the typed error naming the depth past
 * {@link MAX_DRAIN_DEPTH} rows or {@link MAX_DRAIN_PATH_BYTES}.
 */
function notFitting({ cascade, path, bytes }: CascadeDrain, ids: readonly string[], error: unknown): DrainOutcome {
  if (ids.length === 0) throw error;
  if (ids.length > 1) return halved(path, ids.length);
  if (path.length >= MAX_DRAIN_DEPTH || bytes > MAX_DRAIN_PATH_BYTES)
    throw tooDeep(error, cascade.table, path.length, bytes);
  // The top forgets the size that did not fit: the batches that failed held this row, whose cascade alone does not.
  const { ceiling, wait, ...top } = path[path.length - 1]!;
  return {
    kind: 'next',
    drain: [...path.slice(0, -1), top, { table: cascade.table, id: ids[0]!, batch: DRAIN_BATCH, via: cascade.via }],
  };
}

/** The drain going on after a batch of `size` of the top's rows did not fit: half of it, below `size` for a while ({@link grown}). */
function halved(path: readonly DrainStep[], size: number): DrainOutcome {
  const top = path[path.length - 1]!;
  return {
    kind: 'next',
    drain: [...path.slice(0, -1), { ...top, batch: Math.ceil(size / 2), ceiling: size, wait: DRAIN_WAIT }],
  };
}

/**
 * The drain going on after a batch fitted: its batch doubled back, up to {@link DRAIN_BATCH}; but
 * where that reaches the size that did not fit, as it is until {@link DRAIN_WAIT} more batches
 * fitted, then that size. Where the rows are alike, a batch of that size fails again, and a job that
 * fails deletes nothing (doubling back at once spent every other job on nothing); where the rows
 * that did not fit were unlike the rest, the batch grows back. A batch that fitted at or past that
 * size forgets it.
 */
function grown(path: readonly DrainStep[]): DrainOutcome {
  const { ceiling, wait = 0, ...top } = path[path.length - 1]!;
  const batch = Math.min(DRAIN_BATCH, top.batch * 2);
  let step: DrainStep;
  if (ceiling === undefined || top.batch >= ceiling) step = { ...top, batch };
  // Tried again at the size that did not fit, not past it (a failed 5 doubles back to 3, then 5, not 6).
  else if (batch < ceiling || wait === 0) step = { ...top, batch: Math.min(batch, ceiling), ceiling, wait };
  else step = { ...top, ceiling, wait: wait - 1 };
  return { kind: 'next', drain: [...path.slice(0, -1), step] };
}

/**
 * Deletes the drain's top row, nothing left cascading from it but the rows
 * above it, and pops it; when that does not fit (its cascade runs back into
 * the rows above it, a cycle of keys) or is refused (a reference from a row
 * the drain has not deleted yet), it waits in its parent's `skip` instead,
 * until the parent has nothing else left.
 */
async function deleteTop(
  context: DrainContext,
  top: DrainStep,
  above: readonly DrainStep[],
  retryable: (error: unknown) => boolean,
): Promise<DrainOutcome> {
  try {
    await deleteRows(context, top.table, [top.id]);
    return { kind: 'next', drain: [...above] };
  } catch (error) {
    if (!retryable(error)) throw error;
    const parent = above[above.length - 1]!;
    return { kind: 'next', drain: [...above.slice(0, -1), { ...parent, skip: [...(parent.skip ?? []), top.id] }] };
  }
}

/**
 * The part of `drain` still cascading from `root`, its last row and the
 * size of its rows: each step read again and kept while it still holds the
 * key of the row above it through its cascade key `via`.
 */
async function stillCascading(
  context: DrainContext,
  drain: readonly DrainStep[],
  root: Doc,
): Promise<{ path: DrainStep[]; row: Doc; bytes: number }> {
  const { registry } = context.schema.schema;
  let row = root;
  let bytes = documentSize(root);
  for (let depth = 1; depth < drain.length; depth++) {
    const step = drain[depth]!;
    const fk = registry
      .referencesTo(drain[depth - 1]!.table)
      .find((f) => f.name === step.via && f.table === step.table);
    const key = fk?.onDelete === 'cascade' ? keyOf(fk, row) : null;
    const next = key ? ((await context.raw.get(step.table, step.id as never)) as Doc | null) : null;
    if (!next || !matches(next, fk!.fields, key!)) return { path: drain.slice(0, depth), row, bytes };
    row = next;
    bytes += documentSize(next);
  }
  return { path: [...drain], row, bytes };
}

/** The rows of one table that cascade from the drain's top row: the table, the key they reference it through, their where. */
interface Cascade {
  readonly table: string;
  readonly via: string;
  readonly where: Record<string, unknown>;
}

/**
 * The rows that reference `row` through an `onDelete: 'cascade'` key, a
 * table and key at a time, soft-deleted ones included; not the rows of the
 * path (a cycle of keys leads back to them) nor those the top's `skip` holds.
 */
function cascadesFrom(context: DrainContext, row: Doc, top: DrainStep, path: readonly DrainStep[]): Cascade[] {
  const excluded = [...path.map((step) => step.id), ...(top.skip ?? [])];
  const cascades: Cascade[] = [];
  for (const fk of context.schema.schema.registry.referencesTo(top.table)) {
    const key = fk.onDelete === 'cascade' ? keyOf(fk, row) : null;
    if (!key) continue;
    const where: Record<string, unknown> = { _id: { notIn: excluded } };
    fk.fields.forEach((field, i) => {
      where[field] = { eq: key[i] };
    });
    cascades.push({ table: fk.table, via: fk.name, where });
  }
  return cascades;
}

/**
 * Hard-deletes up to `batch` rows of `cascade` through the ORM, read by the
 * statement that deletes them (metered: a batch of large rows is a typed
 * limit error, halved), with their own cascades, triggers and aggregates; how
 * many it deleted.
 */
async function deleteBatch(context: DrainContext, cascade: Cascade, batch: number): Promise<number> {
  const table = context.schema.schema.tables[context.schema.keyOf(cascade.table)]!;
  // The where holds the table's own columns, built from its foreign key.
  const statement = context.db
    .delete(table)
    .hard()
    .where(cascade.where as never);
  const deleted = await statement.returning({ _id: table._id })[deleteAtMost](batch);
  return deleted.length;
}

/** The ids of the first `batch` rows of `cascade`, through the ORM (metered). */
async function cascadeIds(context: DrainContext, cascade: Cascade, batch: number): Promise<string[]> {
  const rows = await context.db.query[context.schema.keyOf(cascade.table)]!.findMany({
    where: cascade.where,
    columns: { _id: true },
    limit: batch,
    withDeleted: true,
  });
  return rows.map((row) => row._id as string);
}

/** The values of `row` that `fk` references, or `null` when one is null (nothing references a null key). */
function keyOf(fk: ResolvedForeignKey, row: Doc): unknown[] | null {
  const key = fk.foreignFields.map((field) => storedField(row, field));
  return key.some((value) => value === null || value === undefined) ? null : key;
}

/** Hard-deletes rows of `table` by id through the ORM: their cascades, triggers and aggregates run. */
async function deleteRows(context: DrainContext, tableName: string, ids: readonly string[]): Promise<void> {
  const table = context.schema.schema.tables[context.schema.keyOf(tableName)]!;
  // The ids are the table's, held as strings in the job's arguments.
  const tableIds = ids as GenericId<string>[];
  const where = tableIds.length === 1 ? eq(table._id, tableIds[0]!) : inArray(table._id, tableIds);
  await context.db.delete(table).hard().where(where);
}

/** The error of a drain that would go down past {@link MAX_DRAIN_DEPTH} rows or {@link MAX_DRAIN_PATH_BYTES}, with the limit error that sent it. */
function tooDeep(error: unknown, table: string, depth: number, bytes: number): OrmError {
  const code = (error as { code?: OrmErrorCode }).code ?? 'WRITE_BUDGET_EXCEEDED';
  return new OrmError(
    code,
    `scheduledDelete: the cascade goes down ${depth} rows deep (${bytes} bytes to read again each job), each too large for one transaction, and the next one of "${table}" is too large too; a drain goes at most ${MAX_DRAIN_DEPTH} rows or ${MAX_DRAIN_PATH_BYTES} bytes deep: delete the deepest rows first, a mutation each.`,
    { table, details: { depth, bytes } },
  );
}
