import type { GenericMutationCtx, PaginationResult, Query, QueryInitializer } from 'convex/server';
import { ConvexError, compareValues, type GenericId, type Value } from 'convex/values';
import { isOrmError, OrmError } from '../errors.js';
import type { ChangedRows } from '../limits/changedRows.js';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { utf8Length } from '../limits/documentSize.js';
import type { WriteTotals } from '../limits/limitTotals.js';
import { hookLevelDbs, meterOf, transactionDb } from '../limits/meteredDb.js';
import type { PageReadLimits, TransactionMeter } from '../limits/transactionMeter.js';
import { takeConvexPaginate } from '../query/convexPage.js';
import { describe } from '../schema/conforms.js';
import { ownValue } from '../schema/ownValue.js';
import type { MigrateOneCtx, RuntimeStep } from './define.js';
import { effectivePatch } from './patch.js';
import type { ChunkArgs, MigrationRuntime } from './runtime.js';
import { DrySamples } from './samples.js';
import { isSameCode, type MigrationEntry } from './set.js';
import { type DryRunProgress, getRun, getState, patchStamped, type RunDoc, type StateDoc } from './state.js';
import { knownTable, readsPerDocument, tableConfigOf, writePatch } from './write.js';

/** What a committed batch reports to its chunk. */
export interface BatchResult {
  isDone: boolean;
  processed: number;
  changed: number;
  /** The migration's state document (a real run's), for the next chunk to read by id. */
  stateDocId?: GenericId<'migration_state'>;
  /** The migration's counts on its state after the batch (a real run's): what the run keeps of it once done. */
  totals?: { processed: number; changed: number };
  /** The smaller batch size the migration goes on with (a batch was too large for the budget). */
  batchSize?: number;
  /** How many documents the next batch's page holds, that batch only (see {@link shortPageSize}). */
  pageSize?: number;
}

const DRY_RUN_ROLLBACK = 'convex-orm:dry-run-batch';
const BATCH_TOO_LARGE = 'convex-orm:batch-too-large';
const PAGE_ENDS_EARLIER = 'convex-orm:page-ends-earlier';

/**
 * Bytes one batch's page may read (Convex allows 16 MiB per transaction, and
 * each patch reads its document again): a page of large documents ends early
 * (`SplitRequired`) and the next batch goes on from there, leaving room for
 * the patches and `migrateOne`'s own reads.
 */
export const MIGRATION_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * How much of what the transaction has left one batch's page may read: a share per read each
 * document costs (`reads`: the page's, its patch's, which Convex counts, and the ORM update's
 * read of the row in `'normal'` mode), and at most {@link MIGRATION_PAGE_BYTES}; an index range
 * per document (its patch reads the document's `by_id` range, or the update's `db.get` does),
 * the page's and the state's kept back. So a page of many (or large) documents ends early and
 * leaves its writes room within the budget, instead of the writes passing Convex's limit. A page
 * retried shorter (`pageSize`, see {@link shortPageSize}) reads at most that many rows: Convex ends
 * such a page where its reads stop, with a cursor there, also at the last row of the walk.
 */
function pageReadLimits(
  meter: TransactionMeter | undefined,
  table: string,
  reads: number,
  pageSize: number | undefined,
): PageReadLimits {
  const left = meter?.pageLimits({ table }, {}) ?? {};
  const bytes = Math.min(MIGRATION_PAGE_BYTES, Math.floor((left.maximumBytesRead ?? Number.POSITIVE_INFINITY) / reads));
  const rows = Math.min(
    pageSize ?? Number.POSITIVE_INFINITY,
    left.maximumRowsRead === undefined
      ? Number.POSITIVE_INFINITY
      : Math.min(Math.floor(left.maximumRowsRead / reads), meter!.usage.rangesLeft() - 2),
  );
  if (rows === Number.POSITIVE_INFINITY) return { maximumBytesRead: Math.max(1, bytes) };
  return { maximumRowsRead: Math.max(1, rows), maximumBytesRead: Math.max(1, bytes) };
}

/**
 * One batch of the run's current migration, inside the nested mutation of a chunk: reads a
 * page, runs `migrateOne` on each document, writes the changes and advances the cursor, all in
 * this one sub-transaction. A throwing `migrateOne` or a rejected write fails the batch with
 * `MIGRATION_FAILED` naming the document, and nothing of the batch persists. In a dry run the batch throws its
 * progress at the end so whatever ran is rolled back. A migration edited since its cursor was
 * committed (deployed during the run) starts over from its first document.
 */
export async function applyBatch(
  ctx: GenericMutationCtx<any>,
  runtime: MigrationRuntime,
  args: ChunkArgs,
): Promise<BatchResult> {
  const { runId } = args;
  const run = await getRun(ctx.db, runId, args.runDocId);
  if (!run) throw new OrmError('MIGRATION_CONFIG', `Migration run '${runId}' does not exist.`);
  const migrationId = run.migrationIds[run.currentIndex]!;
  const { entry, step } = deployedMigration(runtime, run, migrationId);
  const dry = run.dryRun ? dryProgress(run, migrationId) : undefined;
  // A dry run keeps its progress on the run and never touches the state.
  const state = dry ? null : await getState(ctx.db, migrationId, args.stateDocId);
  // Edited (and deployed) since its cursor was committed: the cursor is a position in the table and
  // range the old code walked, so the migration starts over, as a later run would start it.
  const restart = state !== null && state.cursor !== null && !isSameCode(entry, state.checksum);
  const cursor = dry ? dry.cursor : restart ? null : (state?.cursor ?? null);
  const numItems =
    args.pageSize ??
    args.batchSize ??
    run.batchSize ??
    step.batchSize ??
    run.defaultBatchSize ??
    runtime.defaultBatchSize;
  // The page is read through the ORM's metered database, like every other ORM read.
  const budget = runtime.orm.options?.transactionBudget ?? DEFAULT_TRANSACTION_BUDGET;
  const db = transactionDb(ctx.db, budget, ctx.meta);
  const meter = meterOf(db);
  await meter?.sync();
  const writeMode = step.writeMode ?? 'safe_bypass';
  const table = db.query(step.table);
  // The batch's page is Convex's one `.paginate()` of the function: ORM pages in migrateOne go by index keys.
  takeConvexPaginate(db);
  const page = await stepQuery(step, migrationId, run, table).paginate({
    cursor,
    numItems,
    ...pageReadLimits(meter, step.table, readsPerDocument(runtime.orm.schema, step.table, writeMode), args.pageSize),
  });

  // Every read and write of the batch goes through its one meter, which synced as the batch began, so the
  // batch works as a hook level does: its ORM statements (a 'normal' patch, migrateOne's ctx.orm) ask
  // Convex for the metrics only when raw writes' estimates leave too little room, not each as it starts.
  const level = hookLevelDbs(db);
  const ormCtx = { ...ctx, db: level.db };
  // safe_bypass skips the ORM's rules; a 'normal' step runs them for a system ctx that names the migration.
  const ormDb =
    writeMode === 'safe_bypass'
      ? runtime.orm.db(ormCtx, { rules: false })
      : runtime.orm.db({ ...ormCtx, migration: { id: migrationId, runId, direction: run.direction } });
  const mctx: MigrateOneCtx = {
    // Raw, but on the batch's meter: its reads count, and its writes are reserved on it.
    db: level.raw,
    orm: ormDb,
    migrationId,
    runId,
    direction: run.direction,
    dryRun: run.dryRun,
    writeMode,
  };
  const writer = { schema: runtime.orm.schema, db: ormDb };
  const config = tableConfigOf(runtime.orm.schema, step.table);
  // The cursor advance (a patch of the state document) is reserved before the documents' writes,
  // whose statements sync: reserved ahead, so it stays counted until it is made.
  const advance = state && meter ? stateAdvance(meter.documents.size(state)) : null;
  if (advance) meter!.usage.reserveAhead({ table: 'migration_state' }, advance);
  let processed = 0;
  let changed = 0;
  // Once something but the batch's own patches wrote, the page's later documents may have been
  // changed or deleted since the page was read: each is read again before migrateOne gets it.
  let pageStale = false;
  // Where the page of a range step ends: at the first document the batch changed (see shortPageSize).
  let changedInRange: number | undefined;
  const samples = dry ? new DrySamples(dry, run.report ?? []) : undefined;
  // Where each document of the page stands, made when a 'normal' patch first asks what it wrote.
  let pagePositions: Map<string, number> | undefined;
  // Watched for the whole batch: what it inserts into its own table (see endsBeforeInserted).
  const changedRows = meter?.changedRows;
  const batchStart = changedRows?.watchInserts();
  try {
    for (let i = 0; i < page.page.length; i++) {
      let doc = page.page[i]!;
      // One try per document, not an async wrapper: a batch pays no promise per document beyond its own awaits.
      try {
        if (pageStale) {
          const fresh = await db.get(doc._id);
          if (!fresh) continue; // Deleted by this batch: not migrated, not counted.
          // Whether a changed document is still in the range, and where, is a page query's to say.
          if (step.range && compareValues(fresh as Value, doc as Value) !== 0) {
            changedInRange = i;
            break;
          }
          doc = fresh;
        }
        processed += 1;
        // A batch always has a meter (transactionDb); it knows of every write, raw ones included.
        const written = meter?.usage.documentsWritten() ?? 0;
        // migrateOne gets its own copy: one it edits in place and returns (`doc.priority ??= 'medium'; return
        // doc`, as @convex-dev/migrations allows) is compared with the document as read, not with itself.
        const changes = effectivePatch(
          doc,
          (await step.migrateOne(mctx, ownValue(doc) as typeof doc)) as Record<string, unknown> | undefined,
          writeMode,
          config,
        );
        // migrateOne wrote (through ctx.db or ctx.orm): perhaps to documents later in the page. Its raw
        // writes are counted as reserved (each one document written), synced or not.
        if ((meter?.usage.documentsWritten() ?? 0) !== written) pageStale = true;
        if (!changes) continue;
        // What migrateOne wrote through ctx.db is counted at estimates: the meter asks Convex for what it
        // counted of them only when they leave less than the patch may take, not per document.
        const syncing = meter?.syncBeforePatch();
        if (syncing) await syncing;
        const write = { table: step.table, id: doc._id, old: doc, changes, writeMode: mctx.writeMode };
        // A 'safe_bypass' patch writes its document (and aggregate buckets, of other tables); a 'normal'
        // one runs hooks and foreign-key actions, which may write the page's later documents: the
        // meter records the rows written while it watches, so only a write of one of those marks it.
        const rows = writeMode === 'normal' ? meter?.changedRows : undefined;
        const watched = rows?.watch();
        let wrote: boolean;
        try {
          // A 'normal' write the rules hide writes nothing, and changes nothing. A dry run writes too (its
          // batch is rolled back at the end), so it counts, and fails, as the run would.
          wrote = (await writePatch({ db }, writer, write)) !== false;
          if (watched !== undefined && !pageStale) {
            pagePositions ??= new Map(page.page.map((row, at) => [row._id as string, at]));
            pageStale = wroteLater(rows!, watched, pagePositions, i);
          }
        } finally {
          rows?.unwatch();
        }
        if (!wrote) continue;
        samples?.offer(doc, changes);
        changed += 1;
      } catch (error) {
        // Past the transaction budget after some documents: those fit, so the batch is retried with as many.
        if (i > 0 && (isOrmError(error, 'WRITE_BUDGET_EXCEEDED') || isOrmError(error, 'SCAN_BUDGET_EXCEEDED'))) {
          throw new ConvexError({ kind: BATCH_TOO_LARGE, batchSize: i } as never);
        }
        throw documentFailed(mctx, step, doc, error);
      }
    }
    if (changedInRange !== undefined) {
      throw new ConvexError({ kind: PAGE_ENDS_EARLIER, pageSize: changedInRange } as never);
    }
    if (endsBeforeInserted(page, args.pageSize) && changedRows?.insertedSince(step.table, batchStart!)) {
      throw new ConvexError({ kind: PAGE_ENDS_EARLIER, pageSize: page.page.length } as never);
    }
  } finally {
    changedRows?.unwatchInserts();
  }
  const result = {
    isDone: page.isDone,
    processed,
    changed,
    ...(args.batchSize === undefined ? {} : { batchSize: args.batchSize }),
  };
  if (dry) {
    const progress: DryRunProgress = {
      migrationId,
      cursor: page.continueCursor,
      processed: dry.processed + result.processed,
      changed: dry.changed + changed,
      samples: [...dry.samples, ...samples!.added],
    };
    throw new ConvexError({ kind: DRY_RUN_ROLLBACK, result: { ...result, progress } } as never);
  }
  if (advance) {
    await recheckAdvance(meter!, advance, mctx, step, page.page);
    meter!.usage.madeAhead(advance);
  }
  const totals = await advanceState(
    ctx,
    state!,
    run,
    { checksum: entry.checksum, cursor: page.continueCursor, restart },
    result,
  );
  return { ...result, stateDocId: state!._id, totals };
}

/**
 * The query the step walks: the table by `_creationTime`, or its `range`. A `range` that gives no
 * query (a block body without `return`, a `.collect()` left on the end) fails the run with
 * `MIGRATION_CONFIG` naming the migration, not with the TypeError of calling `paginate` on it.
 */
function stepQuery(step: RuntimeStep, migrationId: string, run: RunDoc, table: QueryInitializer<any>): Query<any> {
  if (!step.range) return table;
  const query: unknown = step.range(table);
  if (typeof (query as Partial<Query<any>> | undefined)?.paginate === 'function') return query as Query<any>;
  throw new OrmError(
    'MIGRATION_CONFIG',
    `Migration '${migrationId}' (${run.direction}): \`range\` of its ${run.direction} step must return the query to walk, such as \`(q) => q.withIndex(...)\`, got ${describe(query)}.`,
    { table: step.table, details: { migrationId } },
  );
}

/**
 * `migrationId` as deployed now, and the step of it the run walks: a deploy during the run may
 * have removed the migration from the manifest, or its down step, and a step may name a table
 * the ORM's schema lacks (a typo without `<DataModel>`, a table dropped since). Each fails the run
 * with `MIGRATION_CONFIG` naming the migration (`applyBatch`'s error fails the run).
 */
function deployedMigration(
  runtime: MigrationRuntime,
  run: RunDoc,
  migrationId: string,
): { entry: MigrationEntry; step: RuntimeStep } {
  const entry = runtime.migrations.get(migrationId);
  const migration = entry?.migration;
  if (!migration) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration '${migrationId}' of run '${run.runId}' is no longer in the manifest, so the run fails here: its committed batches stay (\`migrate status\` lists it as partially applied, missing from the manifest); to finish it, put it back in the manifest, deploy and run \`migrate up\`.`,
    );
  }
  const step = run.direction === 'up' ? migration.up : migration.down;
  if (step && !knownTable(runtime.orm.schema, step.table)) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration '${migrationId}' (${run.direction}): its ${run.direction} step's table "${step.table}" is not part of the ORM's schema; check the step's table.`,
      { table: step.table, details: { migrationId } },
    );
  }
  if (!step) {
    throw new OrmError(
      'MIGRATION_CONFIG',
      `Migration '${migrationId}' of down run '${run.runId}' has no down step any more (a deploy during the run removed it); deploy it with its down step and run \`migrate down\` again.`,
      { table: migration.up.table, details: { migrationId } },
    );
  }
  return { entry: entry!, step };
}

/**
 * Checks, before the cursor advance is written, that the room reserved for it is still there:
 * raw writes since the meter last synced (a `'normal'` write's hooks through `ctx.raw`, with no
 * ORM write after them to sync) may have taken it, and the advance would then meet Convex's own
 * limit outside any document's `try`. The batch without its last document is retried; a batch of
 * one fails naming that document.
 */
async function recheckAdvance(
  meter: TransactionMeter,
  advance: WriteTotals,
  mctx: MigrateOneCtx,
  step: RuntimeStep,
  page: readonly Record<string, any>[],
): Promise<void> {
  await meter.sync();
  try {
    meter.usage.recheckAhead({ table: 'migration_state' }, advance);
  } catch (error) {
    if (page.length > 1) throw new ConvexError({ kind: BATCH_TOO_LARGE, batchSize: page.length - 1 } as never);
    throw documentFailed(mctx, step, page[0]!, error);
  }
}

/** The `MIGRATION_FAILED` error of a document whose `migrateOne` or write threw, naming the document. */
function documentFailed(mctx: MigrateOneCtx, step: RuntimeStep, doc: Record<string, any>, error: unknown): OrmError {
  const message = error instanceof Error ? error.message : String(error);
  return new OrmError(
    'MIGRATION_FAILED',
    `Migration '${mctx.migrationId}' (${mctx.direction}) failed on document ${doc._id} of table "${step.table}": ${message}`,
    { table: step.table, details: { migrationId: mctx.migrationId, documentId: String(doc._id), cause: message } },
  );
}

/**
 * What the patch of a state document of `size` bytes costs: its read (the document, and its
 * `by_id` range, which Convex reads for the patch), and its write (grown by a longer cursor).
 */
function stateAdvance(size: number): WriteTotals {
  const written = size + STATE_GROWTH_BYTES;
  return {
    documentsWritten: 1,
    bytesWritten: written,
    documentsRead: 1,
    bytesRead: size,
    indexRanges: 1,
    functionsScheduled: 0,
    scheduledFunctionArgsBytes: 0,
  };
}

/** Bytes a state document may grow by in one advance: its new cursor and counters. */
const STATE_GROWTH_BYTES = 4 * 1024;

/** Where a committed batch leaves its migration: the code that ran it, and the cursor it reached. */
interface BatchAdvance {
  checksum: string;
  cursor: string;
  /** The batch started the migration over (see `applyBatch`): the state's progress is the old code's. */
  restart: boolean;
}

/**
 * Records a committed batch on its migration's state: the cursor and counts, where the data
 * stands, and the `checksum` of the code that ran it. The checksum is written by batches only
 * (queueing a run writes none over a recorded one), so an applied migration's checksum is the
 * code that applied it until a committed down batch reverts it (drift stays visible), and an
 * unfinished one's is the code that walked to its cursor.
 */
async function advanceState(
  ctx: GenericMutationCtx<any>,
  state: StateDoc,
  run: RunDoc,
  { checksum, cursor, restart }: BatchAdvance,
  result: BatchResult,
): Promise<{ processed: number; changed: number }> {
  const now = Date.now();
  const up = run.direction === 'up';
  const processed = (restart ? 0 : state.processed) + result.processed;
  const changed = (restart ? 0 : (state.changed ?? 0)) + result.changed;
  await patchStamped(
    ctx.db,
    state,
    {
      checksum,
      cursor,
      processed,
      changed,
      status: result.isDone ? 'completed' : 'running',
      // Where the data stands, from committed batches only (queueing a run changes none of it):
      // applied once the up step completes, no longer once a down batch committed.
      applied: up && result.isDone,
      appliedAt: up && result.isDone ? now : undefined,
      partiallyReverted: !up && !result.isDone,
      partiallyApplied: up && !result.isDone,
      ...(state.startedAt === undefined || restart ? { startedAt: now } : {}),
      ...(result.isDone ? { completedAt: now } : {}),
      ...(restart ? { restarted: true } : {}),
    },
    now,
  );
  return { processed, changed };
}

function dryProgress(run: RunDoc, migrationId: string): DryRunProgress {
  return (
    run.report?.find((entry) => entry.migrationId === migrationId) ?? {
      migrationId,
      cursor: null,
      processed: 0,
      changed: 0,
      samples: [],
    }
  );
}

/** The progress a dry-run batch threw to roll itself back, or undefined for a real failure. */
export function dryRunBatchResult(error: unknown): (BatchResult & { progress: DryRunProgress }) | undefined {
  if (!(error instanceof ConvexError)) return undefined;
  const data = error.data as { kind?: string; result?: BatchResult & { progress: DryRunProgress } };
  return data?.kind === DRY_RUN_ROLLBACK ? data.result : undefined;
}

/**
 * The batch size that fits, when a batch was rolled back because its documents' writes (or
 * reads) would pass the transaction budget part-way: the documents before that point.
 */
export function fittingBatchSize(error: unknown): number | undefined {
  if (!(error instanceof ConvexError)) return undefined;
  const data = error.data as { kind?: string; batchSize?: number };
  return data?.kind === BATCH_TOO_LARGE ? data.batchSize : undefined;
}

/**
 * True when a batch's page ended the walk, which Convex answers with a cursor at the end of the
 * query: rows the batch then inserts into its table (its `migrateOne`'s, or a `'normal'` patch's
 * hooks'), past the page, would never be walked, where batches of one document walk them. Such a
 * batch is retried with a page of its documents that reads no more rows ({@link pageReadLimits}),
 * which Convex ends at its last row with a cursor there, and the batch after walks on from it
 * (convex-backend: an index fetch that fills its size returns a cursor after its last key, not the
 * end, and a page is done only at the end). Not for a retried page of that size (`pageSize`) that
 * still ended the walk: taken as the end.
 */
function endsBeforeInserted(page: PaginationResult<unknown>, pageSize: number | undefined): boolean {
  return page.isDone && page.page.length > 0 && page.page.length !== pageSize;
}

/**
 * The page size of the batch after one a range's document ended: once the batch's own writes
 * changed a later document of its page, that document may have left the range or moved in it
 * (its index fields changed), which only a page query tells. The batch is rolled back and
 * retried with a page that ends before that document, and the batch after starts at it: as
 * batches of one document would walk it. (A cursor is opaque: a page cannot end part-way.)
 */
export function shortPageSize(error: unknown): number | undefined {
  if (!(error instanceof ConvexError)) return undefined;
  const data = error.data as { kind?: string; pageSize?: number };
  return data?.kind === PAGE_ENDS_EARLIER ? data.pageSize : undefined;
}

/** The failing document of a `MIGRATION_FAILED` error, across the nested-mutation boundary. */
export function failedDocumentId(error: unknown): GenericId<any> | undefined {
  if (!(error instanceof ConvexError)) return undefined;
  const details = (error.data as { details?: { documentId?: string } })?.details;
  return details?.documentId as GenericId<any> | undefined;
}

/**
 * Bytes of a failure's message stored on the run, its migration's state and a fallback chunk's
 * arguments: an error message may be as large as a document (`JSON.stringify(doc)`), and each of
 * those is capped at 1 MiB. Like dry-run samples, what is stored is bounded.
 */
export const RECORDED_ERROR_BYTES = 4 * 1024;

/** `message` as a run records it: cut to {@link RECORDED_ERROR_BYTES}, with a note saying so. */
export function recordedMessage(message: string): string {
  if (message.length <= RECORDED_ERROR_BYTES / 3 || utf8Length(message) <= RECORDED_ERROR_BYTES) return message;
  let bytes = 0;
  let end = 0;
  // By code point, so a surrogate pair is never cut in two.
  for (const char of message) {
    bytes += utf8Length(char);
    if (bytes > RECORDED_ERROR_BYTES) break;
    end += char.length;
  }
  return `${message.slice(0, end)}… [cut: ${message.length - end} of ${message.length} characters not recorded]`;
}

/** The message of an error that crossed the nested-mutation boundary. */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError) {
    const data = error.data as { message?: unknown };
    if (typeof data?.message === 'string') return data.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * True when a row of the page after position `i` (`positions`: where each stands) was written or
 * deleted since `start` (`rows` watching): a look at each row written, not at each later row.
 */
function wroteLater(rows: ChangedRows, start: number, positions: ReadonlyMap<string, number>, i: number): boolean {
  for (const id of rows.idsSince(start)) if ((positions.get(id) ?? -1) > i) return true;
  return false;
}
