import type { GenericDatabaseReader, PaginationOptions, PaginationResult } from 'convex/server';
import { ctxProblem } from '../ctxDb.js';
import type { OrmError } from '../errors.js';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { afterSync, type TransactionCtx, transactionDb } from '../limits/meteredDb.js';
import type { Plan } from '../planner/types.js';
import { writerOf } from '../queryPromise.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import { COUNT_SPEC, explainAggregate, runCount } from './aggregate.js';
import { AggregateQuery } from './aggregateQuery.js';
import type { Exact } from './builder.js';
import { createExecution, type QueryExecution, type ReadOptions } from './execution.js';
import { explainQuery, type QueryExplain } from './explain.js';
import { planRoot, runFind, runFirst, runFirstOrThrow } from './find.js';
import { explainPage, pageRows, runPaginate } from './paginate.js';
import { type ParsedQuery, parseQuery, type QueryMode } from './parseQuery.js';
import { bindQuery, checkPlaceholderValues, type SplitConfig, splitConfig } from './placeholders.js';
import { bindRoot, type PerExecution, type RootTemplate, rootTemplate } from './preparedPlan.js';
import { RelationalQuery } from './relationalQuery.js';
import type { SchemaContext } from './schemaContext.js';
import type { CountConfig, FindFirstConfig, FindManyConfig, PaginateConfig } from './types/config.js';
import type { PlaceholderValues } from './types/placeholders.js';
import type { BuildQueryResult } from './types/result.js';
import { windowEnd } from './window.js';

/** How a prepared count plans: whether an aggregate index serves it depends on the index's state when it runs. */
const COUNT_PLANNED = 'per execution: a count picks its read (an aggregate index, or a bounded scan) when it runs';

/** What `execute` takes after `ctx`: the values, optional when the query has no placeholder. */
type ValuesArgs<TValues> = {} extends TValues ? [values?: TValues] : [values: TValues];

/** Runs a root query with the plan it was bound to. */
type RunQuery = (execution: QueryExecution, query: ParsedQuery, plan: Plan) => Promise<unknown>;

interface PreparedSource {
  readonly schema: SchemaContext;
  /** The schema as one call's `ctx` sees it (with the ORM's rules, evaluated for that `ctx`). */
  readonly scope: (ctx: object) => SchemaContext;
  readonly key: string;
  readonly options: ReadOptions;
  readonly config: unknown;
  readonly mode: QueryMode;
}

/** What a prepared query keeps after its first use: the split config, its parse, and the root read's template. */
interface Prepared {
  readonly split: SplitConfig;
  readonly query: ParsedQuery;
  /** `split.deferred` without the root `where`, which the root template binds instead. */
  readonly deferred: SplitConfig['deferred'];
  readonly root: RootTemplate | PerExecution;
}

/** One execution's query and root plan, and how the plan was made. */
interface Bound {
  readonly query: ParsedQuery;
  readonly plan: Plan;
  readonly prepared: string;
}

/**
 * The parse-once, plan-once core of a prepared query: the config is split
 * and parsed, and the root read planned, on first use; each execution binds
 * its values (see `preparedPlan.ts` for when it plans itself instead).
 */
export class PreparedCore {
  private prepared: Prepared | undefined;

  constructor(
    readonly source: PreparedSource,
    private readonly name: string | undefined,
  ) {}

  private prepare(): Prepared {
    if (this.prepared) return this.prepared;
    const { schema, key, config, mode } = this.source;
    const split = splitConfig(config);
    const query = parseQuery(schema, key, split.template, mode);
    const { where, ...rest } = split.deferred.get('') ?? {};
    const deferred = new Map(split.deferred);
    if (Object.keys(rest).length > 0) deferred.set('', rest);
    else deferred.delete('');
    // Placeholder limits parse as 0; the template plans for some rows, as any positive limit does.
    const limit = mode === 'paginate' || rest.limit !== undefined ? 1 : query.limit;
    const root = rootTemplate(schema, { ...query, limit }, where);
    this.prepared = { split, query, deferred, root };
    return this.prepared;
  }

  /** True when the root read is planned once, for every execution (its placeholders cannot change the plan's shape). */
  plansOnce(): boolean {
    return !('reason' in this.prepare().root);
  }

  /**
   * The query and root plan for `values` (every placeholder's, checked by the
   * caller) from the plan made once; undefined when none serves them: under
   * rules (`schema` is a call's), when the root is planned per execution, or
   * when these values shape the plan (a null, an integer zero, a window of no
   * rows). `limit` replaces the query's own (a page's rows).
   */
  bindOnce(values: Readonly<Record<string, unknown>>, limit?: number, schema = this.source.schema) {
    const { query, deferred, root } = this.prepare();
    if (schema !== this.source.schema || 'reason' in root) return undefined;
    const rest = bindQuery(schema, query, deferred, values);
    const windowed = limit === undefined ? rest : { ...rest, limit };
    const wanted = windowEnd({
      offset: windowed.offset,
      ...(windowed.limit === undefined ? {} : { limit: windowed.limit }),
    });
    const bound = bindRoot(root, values, wanted);
    return bound && { query: { ...windowed, filter: bound.filter }, plan: bound.plan };
  }

  /**
   * The query and root plan for `values`, and how the plan was made:
   * {@link bindOnce}, else parsed and planned for this execution alone. Under
   * rules (`schema` is a call's, not the ORM's) that is every execution: the
   * rules' filters depend on the call's ctx, so no plan made for one caller
   * is reused for another.
   */
  bind(values: unknown, limit?: number, schema = this.source.schema): Bound {
    const { key, mode } = this.source;
    const { split, query: shared, root } = this.prepare();
    const label = this.name === undefined ? `on "${key}"` : `"${this.name}"`;
    checkPlaceholderValues(split.names, values, label);
    const given = values as Record<string, unknown>;
    const once = this.bindOnce(given, limit, schema);
    if (once) return { ...once, prepared: 'once' };
    const ruled = schema !== this.source.schema;
    // Why no prepared plan serves this execution: then it binds and plans on its own.
    const reason = ruled
      ? 'rules apply per call'
      : 'reason' in root
        ? root.reason
        : 'these values shape the plan (a null value, or a window of no rows)';
    const query = ruled ? parseQuery(schema, key, split.template, mode) : shared;
    const alone = bindQuery(schema, query, split.deferred, given);
    const windowed = limit === undefined ? alone : { ...alone, limit };
    return { query: windowed, plan: planRoot(windowed), prepared: `per execution: ${reason}` };
  }

  /** The database an execution in `ctx` (checked: {@link ctxProblem}) reads through: `ctx.db`, metered against the ORM's transaction budget. */
  private db(ctx: TransactionCtx<GenericDatabaseReader<any>>): GenericDatabaseReader<any> {
    return transactionDb(ctx.db, this.source.options.transactionBudget ?? DEFAULT_TRANSACTION_BUDGET, ctx.meta);
  }

  /** `INVALID_QUERY` naming this query when `ctx` is not a Convex query's or mutation's: its execution rejects with it, as its `explain()` does. */
  private ctxProblem(ctx: TransactionCtx<GenericDatabaseReader<any>>): OrmError | null {
    return ctxProblem(ctx, `execute(ctx) of ${this.label}`);
  }

  /** The prepared query in messages: its name, else its table. */
  private get label(): string {
    return this.name === undefined ? `the prepared query on "${this.source.key}"` : `"${this.name}"`;
  }

  /** Runs `run` with the bound query and plan in `ctx`, once the rules of `schema` (a call's) are ready. */
  private run<TResult>(
    ctx: TransactionCtx<GenericDatabaseReader<any>>,
    schema: SchemaContext,
    values: unknown,
    run: RunQuery,
    limit?: () => number,
  ): Promise<TResult> {
    return schema.afterRules(() => {
      const { query, plan } = this.bind(values ?? {}, limit?.(), schema);
      const db = this.db(ctx);
      const execution = createExecution(db, schema, {
        ...this.source.options,
        scanBudget: query.scanBudget ?? this.source.options.scanBudget,
        withDeleted: query.withDeleted,
      });
      return afterSync(db, () => run(execution, query, plan) as Promise<TResult>);
    });
  }

  /** A lazy query running `run` with the bound query and plan in `ctx` (its rules evaluated once, for `ctx`). */
  execute<TResult>(
    ctx: TransactionCtx<GenericDatabaseReader<any>>,
    values: unknown,
    run: RunQuery,
    limit?: () => number,
    describe: (explain: QueryExplain) => QueryExplain = (explain) => explain,
  ): RelationalQuery<TResult> {
    const problem = this.ctxProblem(ctx);
    if (problem) {
      return new RelationalQuery<TResult>(
        null,
        () => Promise.reject(problem),
        () => {
          throw problem;
        },
      );
    }
    const schema = this.source.scope(ctx);
    return new RelationalQuery(
      writerOf(ctx.db),
      () => this.run(ctx, schema, values, run, limit),
      () => describe(this.explain(values, limit?.(), schema)),
    );
  }

  /**
   * A lazy count in `ctx`: it picks its read when it runs (an aggregate
   * index that serves the bound `where`, else a bounded scan), and its
   * awaited `explain()` reads the index's state to say which, as
   * `count().explain()` does.
   */
  count(ctx: TransactionCtx<GenericDatabaseReader<any>>, values: unknown): AggregateQuery<number> {
    const problem = this.ctxProblem(ctx);
    if (problem) {
      return new AggregateQuery<number>(
        null,
        () => Promise.reject(problem),
        () => Promise.reject(problem),
      );
    }
    const schema = this.source.scope(ctx);
    return new AggregateQuery(
      writerOf(ctx.db),
      () => this.run(ctx, schema, values, (execution, query) => runCount(execution, query)),
      () =>
        schema.afterRules(async () => {
          const { query } = this.bind(values ?? {}, undefined, schema);
          const budget = query.scanBudget ?? this.source.options.scanBudget;
          const explain = await explainAggregate(this.db(ctx), schema, query, budget, COUNT_SPEC);
          return { ...explain, prepared: COUNT_PLANNED };
        }),
    );
  }

  /**
   * The plan for these values, as `explain()` of the same unprepared query
   * shows it, and how it was planned (with the rules of `schema`, a call's). No reads.
   */
  explain(values: unknown, limit?: number, schema = this.source.schema): QueryExplain {
    const { query, plan, prepared } = this.bind(values ?? {}, limit, schema);
    const budget = query.scanBudget ?? this.source.options.scanBudget;
    return { ...explainQuery(schema, query, budget, plan), prepared };
  }
}

/**
 * A query parsed once and executed many times with placeholder values
 * (Drizzle's `PreparedQuery`). Build it at module scope; Convex functions
 * have no connection outside a call, so `execute` takes the function's `ctx`.
 * The root read is planned once, at the first execution, when no
 * placeholder can change the plan's shape (`explain().prepared` says).
 */
export class PreparedQuery<TResult, TValues> {
  private readonly core: PreparedCore;

  constructor(
    source: PreparedSource,
    private readonly run: RunQuery,
    /** The name given to `prepare(name)`, used in error messages. */
    readonly name: string | undefined,
  ) {
    this.core = new PreparedCore(source, name);
  }

  /**
   * The query in a Convex query or mutation with these placeholder values: a
   * lazy query like `db.query` returns, run when awaited (in order with the
   * other operations on a mutation's `ctx.db`), with the ORM's rules evaluated for `ctx`.
   */
  execute(ctx: TransactionCtx<GenericDatabaseReader<any>>, ...[values]: ValuesArgs<TValues>): RelationalQuery<TResult> {
    return this.core.execute(ctx, values, this.run);
  }

  /** The plan for these values, as `explain()` of the same unprepared query shows it (without rules: there is no ctx). No reads. */
  explain(...[values]: ValuesArgs<TValues>): QueryExplain {
    return this.core.explain(values);
  }
}

/**
 * A prepared `paginate`: `execute(ctx, paginationOpts, values)`, so a
 * Convex query's `paginationOpts` argument (what `usePaginatedQuery` sends)
 * passes straight through. A page's cursor continues the same query with
 * the same values.
 */
export class PreparedPaginatedQuery<TRow, TValues> {
  private readonly core: PreparedCore;
  /** Whether its cursors are sealed (`createOrm({ cursorSecret })`), for `explain()`. */
  private readonly sealed: boolean;

  constructor(
    source: PreparedSource,
    /** The name given to `prepare(name)`, used in error messages. */
    readonly name: string | undefined,
  ) {
    this.core = new PreparedCore(source, name);
    this.sealed = source.options.cursorSeal !== undefined;
  }

  /** One page for these values, in Convex's `PaginationResult` shape. */
  execute(
    ctx: TransactionCtx<GenericDatabaseReader<any>>,
    paginationOpts: PaginationOptions,
    ...[values]: ValuesArgs<TValues>
  ): RelationalQuery<PaginationResult<TRow>> {
    return this.core.execute(
      ctx,
      values,
      (execution, query, plan) => runPaginate(execution, query, paginationOpts, plan),
      () => pageRows(this.core.source.schema.table(this.core.source.key).name, paginationOpts),
      (explain) => explainPage(explain, this.sealed, paginationOpts),
    );
  }

  /** The plan of a page for these values. No reads. */
  explain(paginationOpts: PaginationOptions, ...[values]: ValuesArgs<TValues>): QueryExplain {
    const table = this.core.source.schema.table(this.core.source.key).name;
    return explainPage(this.core.explain(values, pageRows(table, paginationOpts)), this.sealed, paginationOpts);
  }
}

/**
 * A prepared `count`: `execute(ctx, values)` is a lazy count like
 * `db.query.<table>.count()` returns, its awaited `explain()` included (an
 * aggregate index serves it only once built, which only a `ctx` can read).
 */
export class PreparedCount<TValues> {
  private readonly core: PreparedCore;

  constructor(
    source: PreparedSource,
    /** The name given to `prepare(name)`, used in error messages. */
    readonly name: string | undefined,
  ) {
    this.core = new PreparedCore(source, name);
  }

  /** The number of matching rows for these values, in a Convex query or mutation. */
  execute(ctx: TransactionCtx<GenericDatabaseReader<any>>, ...[values]: ValuesArgs<TValues>): AggregateQuery<number> {
    return this.core.count(ctx, values);
  }
}

/** A count config waiting for `prepare()`: what `orm.query.<table>.count(config)` returns. */
export class PreparableCount<TValues> {
  constructor(private readonly source: PreparedSource) {}

  /** Prepares the count; `name` only labels its errors. */
  prepare(name?: string): PreparedCount<TValues> {
    return new PreparedCount(this.source, name);
  }
}

/** A query config waiting for `prepare()`: what `orm.query.<table>.findMany(config)` returns. */
export class PreparableQuery<TResult, TValues> {
  constructor(
    private readonly source: PreparedSource,
    private readonly run: RunQuery,
  ) {}

  /** Prepares the query; `name` only labels its errors (Convex has no server-side statements). */
  prepare(name?: string): PreparedQuery<TResult, TValues> {
    return new PreparedQuery(this.source, this.run, name);
  }
}

/** A paginate config waiting for `prepare()`: what `orm.query.<table>.paginate(config)` returns. */
export class PreparablePaginatedQuery<TRow, TValues> {
  constructor(private readonly source: PreparedSource) {}

  /** Prepares the page query; `name` only labels its errors. */
  prepare(name?: string): PreparedPaginatedQuery<TRow, TValues> {
    return new PreparedPaginatedQuery(this.source, name);
  }
}

/**
 * `orm.query.<table>`: the relational queries of one table at module scope,
 * for `prepare()`. `where` values, `limit` and `offset` may be
 * `sql.placeholder(name)`s, given to `execute(ctx, values)`.
 */
export class PreparedQueryBuilder<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig> {
  constructor(
    private readonly schema: SchemaContext,
    private readonly key: string,
    private readonly options: ReadOptions,
    private readonly scope: PreparedSource['scope'] = () => schema,
  ) {}

  private source(config: unknown, mode: QueryMode): PreparedSource {
    return { schema: this.schema, scope: this.scope, key: this.key, options: this.options, config, mode };
  }

  /** `findMany(config)`, to prepare (`TQuery` has no default: see {@link Exact}). */
  findMany<const TQuery extends FindManyConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindManyConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery>[], PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'many'), runFind);
  }

  /** `findFirst(config)`, to prepare: the first row or `null`. */
  findFirst<const TQuery extends FindFirstConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery> | null, PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'first'), runFirst);
  }

  /** `findFirstOrThrow(config)`, to prepare: the first row; `NOT_FOUND` when there is none. */
  findFirstOrThrow<const TQuery extends FindFirstConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery>, PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'first'), runFirstOrThrow);
  }

  /**
   * `paginate(config)`, to prepare: `execute(ctx, paginationOpts, values)`
   * gives one page, as `db.query.<table>.paginate` does.
   */
  paginate<const TQuery extends PaginateConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, PaginateConfig<TSchema, TConfig>>,
  ): PreparablePaginatedQuery<BuildQueryResult<TSchema, TConfig, TQuery>, PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparablePaginatedQuery(this.source(config, 'paginate'));
  }

  /** `count(config)`, to prepare. */
  count<const TQuery extends CountConfig<TSchema, TConfig> = {}>(
    config?: TQuery,
  ): PreparableCount<PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableCount(this.source(config, 'count'));
  }
}
