import type { FunctionReference, GenericDatabaseReader, GenericDatabaseWriter, Scheduler } from 'convex/server';
import type { GenericId } from 'convex/values';
import { ctxDb } from './ctxDb.js';
import { hookLevelDbs, meterOf, type TransactionCtx, transactionDb } from './limits/meteredDb.js';
import { type MutationApi, MutationDb } from './mutation/api.js';
import { QueryDb } from './mutation/queryDb.js';
import type { DeletionScheduling, ScheduledDeleteArgs } from './mutation/scheduleDeletes.js';
import { createSession } from './mutation/session.js';
import type { Transaction, TransactionConfig } from './mutation/transaction.js';
import type { TriggerScope } from './mutation/triggerScope.js';
import type { NoInferred } from './noInferred.js';
import {
  checkCursorSecret,
  type LimitOptions,
  type OrmDbOptions,
  type ResolvedOrmOptions,
  resolveDbOptions,
  resolveOrmOptions,
} from './options.js';
import { RelationalQueryBuilder } from './query/builder.js';
import { CursorSeal } from './query/cursorSeal.js';
import type { ReadOptions } from './query/execution.js';
import { lazyTables } from './query/lazyTables.js';
import { ORM_DB_SESSION, type OrmDbLike, type OrmDbSession } from './query/ormDbSession.js';
import { PreparedQueryBuilder } from './query/prepared.js';
import { SchemaContext } from './query/schemaContext.js';
import { settleAfterQueue, writerOf } from './queryPromise.js';
import type { TablesRelationalConfig } from './relations/schema.js';
import type { Rules } from './rules/define.js';
import { RulePolicy } from './rules/policy.js';
import type { AnyTable } from './schema/table.js';
import { type ModuleSelectSession, SelectBuilder } from './select/builder.js';
import { CountQuery } from './select/count.js';
import type { SelectApi, SelectFields, SelectSession } from './select/index.js';
import type { SelectPreparer } from './select/prepared.js';
import type { Triggers } from './triggers/define.js';
import {
  type RowOf,
  type VectorIndexesOf,
  type VectorSearchCtx,
  type VectorSearchOptions,
  vectorSearch,
} from './vector/vectorSearch.js';

/**
 * `createOrm(options)`: the relations, and the limits (`strict`, `scanBudget`,
 * `rowCap`; positive integers, else `INVALID_OPTION` naming the option).
 */
// `triggers` and `rules` must be of the `relations` given (NoInferred), not widen `TRelations`.
// `TRulesCtx` is inferred from `rules`; written out (`OrmOptions<R>`), options take rules of any ctx.
export interface OrmOptions<TRelations extends TablesRelationalConfig, TRulesCtx = any> extends LimitOptions {
  /** What `defineRelations` (optionally spread with `defineRelationsPart`s) returns. */
  readonly relations: TRelations;
  /** Lifecycle hooks (`defineTriggers(relations, { ... })`), fired by every ORM write. */
  readonly triggers?: Triggers<NoInferred<TRelations>> | undefined;
  /**
   * The app's `scheduledDelete` (from `defineDeletionFunctions`), e.g.
   * `internal.deletions.scheduledDelete`: needed by tables with `deletion('scheduled')`.
   */
  readonly scheduledDelete?: FunctionReference<'mutation', 'internal', ScheduledDeleteArgs> | undefined;
  /** Row-level security (`defineRules(relations, (ctx) => ({ ... }))`), on every read and write of `orm.db(ctx)`. */
  readonly rules?: Rules<NoInferred<TRelations>, TRulesCtx> | undefined;
  /**
   * Seals every page cursor (`paginate`'s `continueCursor`, `splitCursor`,
   * and the `cursor` / `endCursor` it takes back) with authenticated
   * encryption, so a cursor shows nothing of the row it stops at and cannot
   * be forged. A random string of at least 32 characters, kept out of the
   * code in a deployment environment variable (`CONVEX_ORM_CURSOR_SECRET`), set with
   * `npx convex env set CONVEX_ORM_CURSOR_SECRET "$(openssl rand -base64 32)"`
   * (else `INVALID_OPTION`). Required to `paginate` under `rules` (a page
   * can stop at a row they hide, and a plain cursor holds its indexed values
   * and `_id`); without rules, needed when residual filters or soft delete
   * act as access control. Changing it invalidates the cursors clients hold
   * (`INVALID_QUERY`: they start again from the first page).
   */
  readonly cursorSecret?: string | undefined;
}

export type { OrmDbOptions, ResolvedOrmOptions };

/** What `orm.db` needs of a Convex ctx: its database, and `meta` for the transaction's metrics when there is one. */
export type OrmCtx<Db> = TransactionCtx<Db>;

/** `db.query`: one relational query builder per table key. */
export type QueryApi<TSchema extends TablesRelationalConfig> = {
  readonly [K in keyof TSchema & string]: RelationalQueryBuilder<TSchema, TSchema[K]>;
};

/** `orm.query`: one module-scope query builder per table key, for prepared queries. */
export type PreparedQueryApi<TSchema extends TablesRelationalConfig> = {
  readonly [K in keyof TSchema & string]: PreparedQueryBuilder<TSchema, TSchema[K]>;
};

/** What `orm.db(ctx)` returns in a query: relational queries, selects and `$count` (the mutation API joins them in mutations). */
export interface OrmReader<TSchema extends TablesRelationalConfig> extends SelectApi<TSchema>, OrmDbLike<TSchema> {
  readonly query: QueryApi<TSchema>;
}

/** What `orm.db(ctx)` returns in a mutation: queries plus insert/update/delete/$count/transaction. */
export type OrmWriter<TSchema extends TablesRelationalConfig> = OrmReader<TSchema> &
  Omit<MutationApi<TSchema>, 'transaction'> & {
    /**
     * Runs `fn` in the surrounding Convex mutation; `tx.rollback()` aborts it. `config` is Drizzle's
     * (`{ isolationLevel, accessMode, deferrable }`): every level runs serializable, as Convex does,
     * and `accessMode: 'read only'` refuses the transaction's writes.
     */
    transaction<R>(fn: (tx: Transaction<OrmWriter<TSchema>>) => Promise<R>, config?: TransactionConfig): Promise<R>;
  };

/**
 * What `orm.db(ctx)` needs of `ctx` besides its database: what the rule function declares it takes
 * (`defineRules(relations, (ctx: { viewer: Viewer | null }) => ...)`), as it runs with that ctx;
 * nothing more for rules whose ctx is not typed (`any`), or without rules (`unknown`).
 */
export type CtxForRules<TRulesCtx> = 0 extends 1 & TRulesCtx ? unknown : TRulesCtx;

/** `orm.db`'s options with the rules bypassed: the rule function does not run, so any ctx will do. */
type BypassingRules = OrmDbOptions & { readonly rules: false };

/**
 * What `createOrm` returns: create once at module scope, then `orm.db(ctx)` per function call.
 * `TRulesCtx` is the ctx the rule function takes, which `orm.db(ctx)` then needs.
 */
export interface Orm<TSchema extends TablesRelationalConfig, TRulesCtx = unknown> {
  /**
   * Types only, never set: the ctx the rule function takes. `orm.db` alone (a method, whose
   * parameters TypeScript compares loosely) would let an annotation without it (`Orm<typeof
   * relations>`) take an ORM whose rules need more of `ctx`, and drop the check; annotate with it:
   * `Orm<typeof relations, Ctx>`.
   */
  readonly '~rulesCtx'?: (ctx: TRulesCtx) => void;
  readonly relations: TSchema;
  readonly options: ResolvedOrmOptions;
  /** The schema the relations carry (tables, registry), shared with the mutation layer. */
  readonly schema: SchemaContext;
  /**
   * Queries to prepare at module scope: `orm.query.users.findFirst({ where: { email: sql.placeholder('email') } })
   * .prepare('userByEmail')`, then `.execute(ctx, { email })` in any query or mutation.
   */
  readonly query: PreparedQueryApi<TSchema>;
  /**
   * A select to prepare at module scope (Drizzle's `db.select()`):
   * `orm.select().from(users).where(eq(users.email, sql.placeholder('email'))).prepare('userByEmail')`,
   * then `.execute(ctx, { email })` in any query or mutation. Awaited unprepared, it rejects.
   */
  readonly select: SelectApi<TSchema>['select'];
  /** Like {@link select}, without duplicate result rows. */
  readonly selectDistinct: SelectApi<TSchema>['selectDistinct'];
  /**
   * A `$count` to select as a field of a select prepared at module scope
   * (`orm.select({ posts: orm.$count(posts, eq(posts.authorId, users._id)) }).from(users)`); on its
   * own it has no database to read, as an unprepared `orm.select()`.
   */
  readonly $count: SelectApi<TSchema>['$count'];
  /** With the rules bypassed (`{ rules: false }`), in a mutation: any ctx, as the rule function does not run. */
  db(ctx: OrmCtx<GenericDatabaseWriter<any>>, options: BypassingRules): OrmWriter<TSchema>;
  /** With the rules bypassed, in a query. */
  db(ctx: OrmCtx<GenericDatabaseReader<any>>, options: BypassingRules): OrmReader<TSchema>;
  /**
   * In a mutation (a writer `ctx.db`): queries and the mutation API. The
   * mutation's `ctx.scheduler`, when `ctx` has one, schedules the hard deletes
   * of `deletion('scheduled')` tables. `ctx` holds what the rule function takes.
   */
  db(ctx: OrmCtx<GenericDatabaseWriter<any>> & CtxForRules<TRulesCtx>, options?: OrmDbOptions): OrmWriter<TSchema>;
  /** In a query: `db.query.<table>`. */
  db(ctx: OrmCtx<GenericDatabaseReader<any>> & CtxForRules<TRulesCtx>, options?: OrmDbOptions): OrmReader<TSchema>;
  /**
   * In an action: a vector search of `table`, `{ _id, _score }` by
   * descending score. Load the rows in that order, with `with`, in a query:
   * `db.query.posts.findMany({ where: { _id: { in: ids } }, with })`.
   */
  vectorSearch<K extends keyof TSchema & string, TIndex extends keyof VectorIndexesOf<TSchema[K]['table']> & string>(
    ctx: VectorSearchCtx,
    table: K,
    options: VectorSearchOptions<VectorIndexesOf<TSchema[K]['table']>, TIndex, RowOf<TSchema[K]['table']>>,
  ): Promise<{ _id: GenericId<TSchema[K]['table']['_']['name']>; _score: number }[]>;
}

/**
 * Creates the ORM for a schema's relations: `const orm = createOrm({
 * relations })`, then `orm.db(ctx).query.users.findMany(...)` inside any
 * Convex query or mutation.
 */
export function createOrm<const TSchema extends TablesRelationalConfig, TRulesCtx = unknown>(
  options: OrmOptions<TSchema, TRulesCtx>,
): Orm<TSchema, TRulesCtx> {
  const resolved = resolveOrmOptions(options);
  const cursorSecret = checkCursorSecret(options.cursorSecret);
  // The secret stays out of `orm.options`: only the queries, which seal cursors, hold it.
  const reads: ReadOptions =
    cursorSecret === undefined ? resolved : { ...resolved, cursorSeal: new CursorSeal(cursorSecret) };
  const schema = new SchemaContext(options.relations);
  const QueryTables = lazyTables<RelationalQueryBuilder<TSchema, any>>(Object.keys(options.relations));
  /** `db.query` of the `db` with `session`, made on its first use and kept on `db`. */
  const queryOf = (db: object, session: SelectSession): QueryApi<TSchema> => {
    const { db: database, schema: scope, lock } = session;
    const query = new QueryTables((key) => new RelationalQueryBuilder(database, scope, key, reads, lock));
    Object.defineProperty(db, 'query', { value: query, enumerable: true });
    return query as QueryApi<TSchema>;
  };
  // `orm.db(ctx)` runs in every Convex function call: one object of a class made once per ORM, its
  // methods on the prototype, rather than a closure per method and table on every call.
  /** `db.query`, `db.select()` and `$count`, seeing the rows `session.schema`'s rules let them see. */
  // Each gives its session under ORM_DB_SESSION: a prepared query executed with it as `ctx.db` runs as its own do.
  class Reader extends QueryDb<TSchema> {
    get query(): QueryApi<TSchema> {
      return queryOf(this, this.session);
    }
    get [ORM_DB_SESSION](): OrmDbSession<TSchema> {
      return this.session;
    }
  }
  /** A writer's queries (ordered with its statements by `session.lock`) and the mutation API. */
  class Writer extends MutationDb<TSchema> {
    get query(): QueryApi<TSchema> {
      return queryOf(this, this.session);
    }
    get [ORM_DB_SESSION](): OrmDbSession<TSchema> {
      return this.session;
    }
  }

  /**
   * The writer of one hook level: `lock` orders its operations (a hook's
   * operations run while the statement that fired it holds its own), and its
   * hooks write through one writer a level deeper, made when a hook first runs.
   */
  function writer(
    db: GenericDatabaseWriter<any>,
    limits: ResolvedOrmOptions,
    scope: SchemaContext,
    scheduling: DeletionScheduling | undefined,
    level: { triggers: Triggers; depth: number } | undefined,
    lock: object,
  ): OrmWriter<TSchema> {
    let deeper: { db: OrmWriter<TSchema>; raw: GenericDatabaseWriter<any> } | undefined;
    // What the hooks' statements queue on (the statement that fired them holds this level's lock).
    const hookLock = {};
    // Listed, not spread: a literal of fixed keys keeps one hidden class across transactions.
    const triggers: TriggerScope | undefined = level && {
      triggers: level.triggers,
      depth: level.depth,
      context(operation, table) {
        if (!deeper) {
          const dbs = hookLevelDbs(db);
          const next = { triggers: level.triggers, depth: level.depth + 1 };
          deeper = { db: writer(dbs.db, limits, scope, scheduling, next, hookLock), raw: dbs.raw };
        }
        return { db: deeper.db as OrmWriter<any>, raw: deeper.raw, operation, table };
      },
      hooks(run) {
        return settleAfterQueue(hookLock, run);
      },
    };
    const session = createSession(db, scope, limits, {
      ...(triggers ? { triggers } : {}),
      ...(scheduling ? { scheduling } : {}),
      lock,
      preparer,
    });
    return new Writer(session) as unknown as OrmWriter<TSchema>;
  }

  /**
   * The schema as `orm.db(ctx)` sees it, reading through `db` (the metered `ctx.db`): with the rules
   * evaluated for `ctx`, unless they are off or bypassed.
   */
  const scope = (ctx: object, db: GenericDatabaseReader<any>, dbOptions?: OrmDbOptions): SchemaContext =>
    options.rules && dbOptions?.rules !== false
      ? schema.withRules(new RulePolicy(schema, options.rules, ctx, meterOf(db)))
      : schema;
  // What a select built in a call (`orm.db(ctx).select()`) or at module scope (`orm.select()`) is prepared with.
  const preparer: SelectPreparer = { schema, scope, options: reads };
  const moduleSelects: ModuleSelectSession = { db: null, schema, options: reads, lock: null, preparer };
  const prepared: Record<string, unknown> = {};
  for (const key of Object.keys(options.relations)) {
    prepared[key] = new PreparedQueryBuilder(schema, key, reads, scope);
  }
  return {
    relations: options.relations,
    options: resolved,
    schema,
    query: prepared as PreparedQueryApi<TSchema>,
    select: ((fields?: SelectFields) => new SelectBuilder(moduleSelects, fields, false)) as never,
    selectDistinct: ((fields?: SelectFields) => new SelectBuilder(moduleSelects, fields, true)) as never,
    $count: ((table: AnyTable, ...filter: [unknown?]) => new CountQuery(moduleSelects, table, filter)) as never,
    vectorSearch: (ctx, table, vectorOptions) =>
      vectorSearch(schema, ctx, table, vectorOptions as VectorSearchOptions) as never,
    db(ctx: OrmCtx<GenericDatabaseReader<any>> & { readonly scheduler?: Scheduler }, dbOptions?: OrmDbOptions): never {
      const convexDb = ctxDb(ctx, 'orm.db(ctx)');
      const limits = resolveDbOptions(resolved, dbOptions);
      const db = transactionDb(convexDb, limits.transactionBudget, ctx.meta);
      const convexWriter = writerOf(convexDb) as GenericDatabaseWriter<any> | null;
      if (convexWriter === null) {
        return new Reader({ db, schema: scope(ctx, db, dbOptions), options: limits, lock: null, preparer }) as never;
      }
      const triggers = dbOptions?.triggers === false ? undefined : options.triggers;
      const { scheduledDelete } = options;
      const scheduling = ctx.scheduler && scheduledDelete && { scheduler: ctx.scheduler, scheduledDelete };
      return writer(
        db as GenericDatabaseWriter<any>,
        limits,
        scope(ctx, db, dbOptions),
        scheduling,
        triggers && { triggers, depth: 0 },
        // Inside a rule function `ctx.db` is a view of the caller's writer: its operations take
        // turns of their own (the caller's operation waits for the rule function in its turn).
        convexWriter,
      ) as never;
    },
  };
}
