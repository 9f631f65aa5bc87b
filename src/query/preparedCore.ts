import type { GenericDatabaseReader } from 'convex/server';
import { ctxProblem } from '../ctxDb.js';
import { OrmError } from '../errors.js';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { afterSync, type TransactionCtx, transactionDb } from '../limits/meteredDb.js';
import type { Plan } from '../planner/types.js';
import { writerOf } from '../queryPromise.js';
import type { TablesRelationalConfig } from '../relations/schema.js';
import { COUNT_SPEC, explainAggregate, runCount } from './aggregate.js';
import { AggregateQuery } from './aggregateQuery.js';
import { assertDeployed, queryTables } from './deployedTables.js';
import { createExecution, type QueryExecution, type ReadOptions } from './execution.js';
import { explainQuery, type QueryExplain } from './explain.js';
import { planRoot } from './find.js';
import { type KnownRelations, type OrmDbLike, ormDbSessionIn } from './ormDbSession.js';
import { type ParsedQuery, parseQuery, type QueryMode } from './parseQuery.js';
import { bindQuery, checkPlaceholderValues, type SplitConfig, splitConfig } from './placeholders.js';
import { bindRoot, type PerExecution, type RootTemplate, rootTemplate } from './preparedPlan.js';
import { RelationalQuery } from './relationalQuery.js';
import type { SchemaContext } from './schemaContext.js';
import { windowEnd } from './window.js';

/** How a prepared count plans: whether an aggregate index serves it depends on the index's state when it runs. */
const COUNT_PLANNED = 'per execution: a count picks its read (an aggregate index, or a bounded scan) when it runs';

/** Runs a root query with the plan it was bound to. */
export type RunQuery = (execution: QueryExecution, query: ParsedQuery, plan: Plan) => Promise<unknown>;

/** What `explain()` shows of a bound query, from its plan description and root plan (a page's replaces it). */
export type DescribeQuery = (
  explain: QueryExplain,
  plan: Plan,
  schema: SchemaContext,
  query: ParsedQuery,
) => QueryExplain;

const asPlanned: DescribeQuery = (explain) => explain;

/** What a prepared query is made from: the query config, where it runs, and how it reads. */
export interface PreparedSource {
  readonly schema: SchemaContext;
  /** The schema as one call's `ctx` sees it, reading through `db` (with the ORM's rules, evaluated for that `ctx`). */
  readonly scope: (ctx: object, db: GenericDatabaseReader<any>) => SchemaContext;
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

/**
 * What a prepared query's `execute(ctx)` takes: a Convex query's or mutation's ctx, or one whose
 * `db` is a `db` of the ORM of relations `TSchema` (`{ db: orm.db(ctx) }`, a trigger's `ctx`), or
 * either (`{ db: raw ? ctx.db : orm.db(ctx) }`); without `TSchema`, of any ORM (the run time takes
 * only the preparing ORM's).
 */
export type PreparedCtx<TSchema extends TablesRelationalConfig = any> = TransactionCtx<
  // KnownRelations here too: TypeScript compares `OrmDbLike<A>` with `OrmDbLike<B>` by variance alone.
  GenericDatabaseReader<any> | OrmDbLike<KnownRelations<TSchema>>
>;

/** Where one execution runs: the metered database, what it queues behind (`null`: a reader's), and the schema with its rules. */
export interface PreparedTarget {
  readonly db: GenericDatabaseReader<any>;
  readonly writer: object | null;
  readonly schema: SchemaContext;
}

/**
 * Where an execution in `ctx` of a query prepared from `source` (`label` in messages) runs: with a
 * Convex query's or mutation's ctx, its `ctx.db` metered against the ORM's transaction budget, in
 * order with the writer's other ORM operations, under the ORM's rules evaluated for `ctx`; with an
 * ORM `db` as `ctx.db` (`orm.db(ctx)`, a trigger's `ctx`) of the ORM that prepared the query, as
 * that `db`'s own queries run (its meter, its turn, its rules). Else `INVALID_QUERY` naming the
 * query, which its execution rejects with, as its `explain()` does.
 */
export function preparedTarget(
  ctx: PreparedCtx,
  source: Pick<PreparedSource, 'schema' | 'scope' | 'options'>,
  label: string,
): PreparedTarget | OrmError {
  const session = ormDbSessionIn(ctx);
  if (session) {
    // Only the preparing ORM's own `db`: another ORM's (other rules, none) would run this query under rules not its own.
    if (session.schema.unruled === source.schema) return { ...session, writer: session.lock };
    return new OrmError(
      'INVALID_QUERY',
      `execute(ctx) of ${label} was given a ctx whose db is another ORM's: pass the Convex ctx, or a db of the ORM that prepared it (orm.db(ctx), a trigger's ctx).`,
    );
  }
  const problem = ctxProblem(ctx, `execute(ctx) of ${label}`);
  if (problem) return problem;
  const convex = ctx as TransactionCtx<GenericDatabaseReader<any>>;
  const budget = source.options.transactionBudget ?? DEFAULT_TRANSACTION_BUDGET;
  const db = transactionDb(convex.db, budget, convex.meta);
  return { db, writer: writerOf(convex.db), schema: source.scope(convex, db) };
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
    const given = (values ?? {}) as Record<string, unknown>;
    const once = this.bindOnce(given, limit, schema);
    if (once) return { ...once, prepared: 'once' };
    const ruled = schema !== this.source.schema;
    // Why no prepared plan serves this execution: then it binds and plans on its own.
    const reason = ruled
      ? 'rules apply per call'
      : 'reason' in root
        ? root.reason
        : 'these values shape the plan (a null value, a zero of an integer or timestamp column, or a window of no rows)';
    const query = ruled ? parseQuery(schema, key, split.template, mode) : shared;
    const alone = bindQuery(schema, query, split.deferred, given);
    const windowed = limit === undefined ? alone : { ...alone, limit };
    return { query: windowed, plan: planRoot(windowed), prepared: `per execution: ${reason}` };
  }

  /** The prepared query in messages: its name, else its table. */
  private get label(): string {
    return this.name === undefined ? `the prepared query on "${this.source.key}"` : `"${this.name}"`;
  }

  /** Runs `run` with the bound query and plan on `target`, once the rules of its schema (a call's) are ready. */
  private run<TResult>(target: PreparedTarget, values: unknown, run: RunQuery, limit?: () => number): Promise<TResult> {
    const { db, schema } = target;
    return schema.afterRules(() => {
      const { query, plan } = this.bind(values, limit?.(), schema);
      const { options } = this.source;
      assertDeployed(schema, () => queryTables(schema, query));
      const execution = createExecution(db, schema, options, query.scanBudget ?? options.scanBudget, query.withDeleted);
      return afterSync(db, () => run(execution, query, plan) as Promise<TResult>);
    });
  }

  /** A lazy query running `run` with the bound query and plan in `ctx` (its rules evaluated once, for `ctx`). */
  execute<TResult>(
    ctx: PreparedCtx,
    values: unknown,
    run: RunQuery,
    limit?: () => number,
    describe: DescribeQuery = asPlanned,
  ): RelationalQuery<TResult> {
    const target = preparedTarget(ctx, this.source, this.label);
    if (target instanceof OrmError) return RelationalQuery.failed<TResult>(target);
    return new RelationalQuery(
      target.writer,
      () => this.run(target, values, run, limit),
      () => this.explain(values, limit?.(), target.schema, describe, target.db),
      target.schema.rules !== null,
    );
  }

  /**
   * A lazy count in `ctx`: it picks its read when it runs (an aggregate
   * index that serves the bound `where`, else a bounded scan), and its
   * awaited `explain()` reads the index's state to say which, as
   * `count().explain()` does.
   */
  count(ctx: PreparedCtx, values: unknown): AggregateQuery<number> {
    const target = preparedTarget(ctx, this.source, this.label);
    if (target instanceof OrmError) {
      return new AggregateQuery<number>(
        null,
        () => Promise.reject(target),
        () => Promise.reject(target),
        false,
      );
    }
    const { db, schema } = target;
    return new AggregateQuery(
      target.writer,
      () => this.run(target, values, (execution, query) => runCount(execution, query)),
      () =>
        schema.afterRules(async () => {
          const { query } = this.bind(values, undefined, schema);
          const budget = query.scanBudget ?? this.source.options.scanBudget;
          const explain = await explainAggregate(
            db,
            schema,
            query,
            { scanBudget: budget, strict: this.source.options.strict },
            COUNT_SPEC,
          );
          return { ...explain, prepared: COUNT_PLANNED };
        }),
      schema.rules !== null,
    );
  }

  /**
   * The plan for these values, as `explain()` of the same unprepared query
   * shows it, and how it was planned (with the rules of `schema`, a call's), as
   * `describe` shows it; with the `db` of an execution, its root read as it runs
   * there (`planAsRead`). No reads.
   */
  explain(
    values: unknown,
    limit?: number,
    schema = this.source.schema,
    describe = asPlanned,
    db?: GenericDatabaseReader<any>,
  ): QueryExplain {
    const { query, plan, prepared } = this.bind(values, limit, schema);
    const budget = query.scanBudget ?? this.source.options.scanBudget;
    return describe({ ...explainQuery(schema, query, budget, { plan, db }), prepared }, plan, schema, query);
  }
}
