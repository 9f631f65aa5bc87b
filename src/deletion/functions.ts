import type {
  FunctionReference,
  GenericDatabaseWriter,
  GenericMutationCtx,
  MutationBuilder,
  RegisteredMutation,
} from 'convex/server';
import { type GenericId, v } from 'convex/values';
import { type ConfigKey, checkConfigShape, functionKey, ormKey, selfKey } from '../configShape.js';
import { isOrmError, OrmError, type OrmErrorCode } from '../errors.js';
import { and, eq, inArray } from '../filter/operators.js';
import { CONVEX_TRANSACTION_LIMITS } from '../limits/convexLimits.js';
import type { ScheduledDeleteArgs } from '../mutation/scheduleDeletes.js';
import type { OrmCtx } from '../orm.js';
import type { SchemaContext } from '../query/schemaContext.js';
import { decodeColumnValue } from '../schema/codec.js';
import type { AnyColumn } from '../schema/column.js';
import { type AnyTable, getTableConfig } from '../schema/table.js';
import { DRAIN_BATCH, type DrainContext, drainOnce } from './drain.js';
import { WriteWatch } from './writeWatch.js';

/** What {@link defineDeletionFunctions} takes. */
export interface DeletionFunctionsConfig {
  /**
   * The app's ORM; the hard delete runs through it, so its cascades and
   * triggers run too. Not its rules: the job finishes a delete the rules
   * allowed when it was asked for, and runs with no user identity.
   */
  orm: {
    db(
      ctx: OrmCtx<GenericDatabaseWriter<any>>,
      options: { readonly rules: false; readonly rowCap: number },
    ): DrainContext['db'];
    readonly schema: SchemaContext;
  };
  /** From `convex/_generated/server` (or a custom wrapper). */
  internalMutation: MutationBuilder<any, 'internal'>;
  /**
   * `internal.<module>` of the file exporting the function, e.g.
   * `internal.deletions`: a hard delete too large for one transaction goes
   * on as two jobs of half the rows each, and one row's as a drain of its
   * cascade over several jobs. Without it, that job fails.
   */
  self?: { scheduledDelete: FunctionReference<'mutation', 'internal', ScheduledDeleteArgs, any> };
}

const CONFIG_KEYS: Readonly<Record<keyof DeletionFunctionsConfig, ConfigKey>> = {
  orm: ormKey,
  internalMutation: functionKey('internalMutation from convex/_generated/server'),
  self: selfKey(false),
};

const configError = (message: string) => new OrmError('INVALID_OPTION', `defineDeletionFunctions: ${message}.`);

/** The internal function the ORM schedules for `deletion('scheduled')` tables. */
export interface DeletionFunctions {
  /**
   * Hard-deletes the rows still soft-deleted at `deletedAt`; resolves to how
   * many of them it deleted (0 when it handed them on to jobs of their own,
   * and for a drain's jobs but its last, see {@link defineDeletionFunctions}).
   */
  scheduledDelete: RegisteredMutation<'internal', ScheduledDeleteArgs, Promise<number>>;
}

/**
 * Defines the scheduled hard delete of `deletion('scheduled', ...)` tables;
 * export it once and hand its reference to `createOrm`:
 *
 * ```ts
 * // convex/deletions.ts
 * export const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation, self: internal.deletions });
 * // where the ORM is created
 * createOrm({ relations, scheduledDelete: internal.deletions.scheduledDelete });
 * ```
 * A row restored in the meantime (deletion column back to `null`), or
 * deleted again later, no longer holds `deletedAt` and is left alone.
 *
 * The row cap guards what one user statement may touch; this job finishes a
 * delete already accepted, so its statement (the rows and their whole
 * cascade) may write up to Convex's documents-written limit, within the
 * ORM's transaction budgets. When even that does not fit (a typed limit
 * error before any write), a job given `self` goes on in jobs of its own:
 * one per half of its rows, and for a single row, a drain (`drain.ts`) that
 * deletes the rows cascading from it a batch per job before the row itself.
 * A drain is not one transaction: a row restored meanwhile keeps what was
 * left of its cascade, a row moved out of it meanwhile (its key changed) is
 * left alone with what hangs below it, and an error deep in it (a
 * `restrict`) fails the job after the batches before it were deleted.
 */
export function defineDeletionFunctions(config: DeletionFunctionsConfig): DeletionFunctions {
  checkConfigShape(config, 'an object { orm, internalMutation, self }', CONFIG_KEYS, configError);
  return {
    scheduledDelete: config.internalMutation({
      args: {
        table: v.string(),
        deletedAt: v.number(),
        ids: v.array(v.string()),
        drain: v.optional(
          v.array(
            v.object({
              table: v.string(),
              id: v.string(),
              batch: v.number(),
              via: v.optional(v.string()),
              skip: v.optional(v.array(v.string())),
              ceiling: v.optional(v.number()),
              wait: v.optional(v.number()),
            }),
          ),
        ),
      },
      handler: (ctx, args: ScheduledDeleteArgs) => runJob(config, ctx, args),
    }),
  };
}

/**
 * One job of `scheduledDelete`: the hard delete of its rows, or one step of a
 * drain; past the transaction's limits with nothing written, and given
 * `self`, it hands on to jobs of their own (halves, or a drain of one row).
 */
async function runJob(
  config: DeletionFunctionsConfig,
  ctx: GenericMutationCtx<any>,
  args: ScheduledDeleteArgs,
): Promise<number> {
  // A deploy may have changed the table since the job was scheduled (or while its drain went on).
  const target = scheduledTable(config.orm.schema, args.table);
  if (!target) return 0;
  const watch = new WriteWatch(ctx.db);
  const jobCtx = { ...ctx, db: watch.db };
  const { self } = config;
  if (args.drain) {
    if (!self) {
      throw new OrmError(
        'INVALID_QUERY',
        'scheduledDelete: a drain goes on in jobs of its own; give defineDeletionFunctions `self`.',
        { table: args.table },
      );
    }
    const db = config.orm.db(jobCtx, { rules: false, rowCap: CONVEX_TRANSACTION_LIMITS.documentsWritten });
    const outcome = await drainOnce(
      { schema: config.orm.schema, db, raw: watch.db },
      { ...args, drain: args.drain },
      (error) => drainRetries(watch, error),
    );
    if (outcome.kind === 'root') return hardDelete(config.orm, jobCtx, target, args);
    if (outcome.kind === 'next')
      await ctx.scheduler.runAfter(0, self.scheduledDelete, { ...args, drain: outcome.drain });
    return 0;
  }
  try {
    return await hardDelete(config.orm, jobCtx, target, args);
  } catch (error) {
    if (!self || !retries(watch, error)) throw error;
    const next = self.scheduledDelete;
    if (args.ids.length === 1) {
      await ctx.scheduler.runAfter(0, next, {
        ...args,
        drain: [{ table: args.table, id: args.ids[0]!, batch: DRAIN_BATCH }],
      });
      return 0;
    }
    const middle = Math.ceil(args.ids.length / 2);
    for (const ids of [args.ids.slice(0, middle), args.ids.slice(middle)])
      await ctx.scheduler.runAfter(0, next, { ...args, ids });
    return 0;
  }
}

/** Hard-deletes the rows of `ids` that still hold `deletedAt`, with their cascades; how many it deleted. */
async function hardDelete(
  orm: DeletionFunctionsConfig['orm'],
  ctx: OrmCtx<GenericDatabaseWriter<any>>,
  target: AnyTable,
  { deletedAt, ids }: ScheduledDeleteArgs,
): Promise<number> {
  const column = (target as unknown as Record<string, AnyColumn>)[getTableConfig(target).deletion!.column]!;
  const deleted = await orm
    .db(ctx, { rules: false, rowCap: CONVEX_TRANSACTION_LIMITS.documentsWritten })
    .delete(target)
    .hard()
    // `deletedAt` is stored milliseconds; the operator takes the column's value (an ISO string in mode 'string').
    .where(
      and(inArray(target._id, ids as GenericId<string>[]), eq(column, decodeColumnValue(column.definition, deletedAt))),
    )
    .returning({ _id: target._id });
  return deleted.length;
}

/** The errors of a statement too large for what the transaction allows, which fewer rows may avoid. */
const LIMIT_ERRORS: ReadonlySet<OrmErrorCode> = new Set([
  'ROW_CAP_EXCEEDED',
  'WRITE_BUDGET_EXCEEDED',
  'SCAN_BUDGET_EXCEEDED',
]);

/**
 * True when a job may hand `error` on to smaller jobs: a limit error, and nothing written (returning
 * commits the job's transaction, writes included).
 */
function retries(watch: WriteWatch<object>, error: unknown): boolean {
  return isOrmError(error) && LIMIT_ERRORS.has(error.code) && !watch.wrote;
}

/**
 * True when a drain job may go on past `error`, nothing written: a limit error ({@link retries}),
 * or a row refused by a `restrict` / `no action` reference, which a row of the cascade the drain
 * has not deleted yet may hold (a subtask's `no action` on its parent task; a lock cascading from
 * the project that restricts a task): the drain defers that row as it defers a row of a cycle
 * (`drainOnce`), and the row asked for, deleted last with what is left, fails the job if a row
 * outside the cascade still holds one.
 */
function drainRetries(watch: WriteWatch<object>, error: unknown): boolean {
  return retries(watch, error) || (isOrmError(error, 'FOREIGN_KEY_VIOLATION') && !watch.wrote);
}

/**
 * The table named `name` when it still scheduled-deletes; null when a deploy made it
 * `deletion('soft')` or took its `deletion()` off: the app now keeps those rows (soft-deleted, or
 * live again), so the job leaves them as they are rather than failing on every pending delete.
 * A name that is no table of the ORM is a wrong ORM given to defineDeletionFunctions.
 */
function scheduledTable(schema: SchemaContext, name: string): AnyTable | null {
  const table = schema.schema.tables[schema.keyOf(name)];
  if (!table) {
    throw new OrmError(
      'INVALID_SCHEMA',
      `scheduledDelete: "${name}" is not a table of the ORM; check the ORM passed to defineDeletionFunctions.`,
      { table: name },
    );
  }
  return getTableConfig(table).deletion?.mode === 'scheduled' ? table : null;
}
