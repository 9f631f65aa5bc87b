import type { GenericDatabaseReader } from 'convex/server';
import { DEFAULT_TRANSACTION_BUDGET } from '../limits/convexLimits.js';
import { meterOf, type TransactionCtx, transactionDb } from '../limits/meteredDb.js';
import { writerOf } from '../queryPromise.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import { runCount } from './aggregate.js';
import type { Exact } from './builder.js';
import { createExecution, type QueryExecution, type ReadOptions } from './execution.js';
import { explainQuery, type QueryExplain } from './explain.js';
import { runFind, runFirst, runFirstOrThrow } from './find.js';
import { type ParsedQuery, parseQuery, type QueryMode } from './parseQuery.js';
import { bindQuery, checkPlaceholderValues, type SplitConfig, splitConfig } from './placeholders.js';
import { RelationalQuery } from './relationalQuery.js';
import type { SchemaContext } from './schemaContext.js';
import type { CountConfig, FindFirstConfig, FindManyConfig } from './types/config.js';
import type { PlaceholderValues } from './types/placeholders.js';
import type { BuildQueryResult } from './types/result.js';

/** What `execute` takes after `ctx`: the values, optional when the query has no placeholder. */
type ValuesArgs<TValues> = {} extends TValues ? [values?: TValues] : [values: TValues];

interface PreparedSource {
  readonly schema: SchemaContext;
  /** The schema as one call's `ctx` sees it (with the ORM's rules, evaluated for that `ctx`). */
  readonly scope: (ctx: object) => SchemaContext;
  readonly key: string;
  readonly options: ReadOptions;
  readonly config: unknown;
  readonly mode: QueryMode;
  readonly run: (execution: QueryExecution, query: ParsedQuery) => Promise<unknown>;
}

/**
 * A query parsed once and executed many times with placeholder values
 * (Drizzle's `PreparedQuery`). Build it at module scope; Convex functions
 * have no connection outside a call, so `execute` takes the function's `ctx`.
 */
export class PreparedQuery<TResult, TValues> {
  private parsed: { readonly query: ParsedQuery; readonly split: SplitConfig } | undefined;

  constructor(
    private readonly source: PreparedSource,
    /** The name given to `prepare(name)`, used in error messages. */
    readonly name: string | undefined,
  ) {}

  /**
   * The parsed query for `values`: the config is split and parsed on first
   * use only (per call under rules, whose filters depend on the call's ctx);
   * placeholders are bound per call.
   */
  private bind(values: unknown, schema = this.source.schema): ParsedQuery {
    const { key, config, mode } = this.source;
    if (!this.parsed) {
      const split = splitConfig(config);
      this.parsed = { split, query: parseQuery(this.source.schema, key, split.template, mode) };
    }
    const { split } = this.parsed;
    const query = schema === this.source.schema ? this.parsed.query : parseQuery(schema, key, split.template, mode);
    const label = this.name === undefined ? `on "${key}"` : `"${this.name}"`;
    checkPlaceholderValues(split.names, values, label);
    return bindQuery(schema, query, split.deferred, values as Record<string, unknown>);
  }

  /**
   * The query in a Convex query or mutation with these placeholder values: a
   * lazy query like `db.query` returns, run when awaited (in order with the
   * other operations on a mutation's `ctx.db`), with the ORM's rules evaluated for `ctx`.
   */
  execute(ctx: TransactionCtx<GenericDatabaseReader<any>>, ...[values]: ValuesArgs<TValues>): RelationalQuery<TResult> {
    return new RelationalQuery(
      writerOf(ctx.db),
      async () => {
        const schema = this.source.scope(ctx);
        await schema.rules?.ready();
        const query = this.bind(values ?? {}, schema);
        const { options, run } = this.source;
        const db = transactionDb(ctx.db, options.transactionBudget ?? DEFAULT_TRANSACTION_BUDGET, ctx.meta);
        await meterOf(db)?.sync();
        const execution = createExecution(db, schema, {
          ...options,
          scanBudget: query.scanBudget ?? options.scanBudget,
        });
        return (await run(execution, query)) as TResult;
      },
      () => this.explain(...([values] as ValuesArgs<TValues>)),
    );
  }

  /** The plan for these values, as `explain()` of the same unprepared query shows it (without rules: there is no ctx). No reads. */
  explain(...[values]: ValuesArgs<TValues>): QueryExplain {
    const query = this.bind(values ?? {});
    return explainQuery(this.source.schema, query, query.scanBudget ?? this.source.options.scanBudget);
  }
}

/** A query config waiting for `prepare()`: what `orm.query.<table>.findMany(config)` returns. */
export class PreparableQuery<TResult, TValues> {
  constructor(private readonly source: PreparedSource) {}

  /** Prepares the query; `name` only labels its errors (Convex has no server-side statements). */
  prepare(name?: string): PreparedQuery<TResult, TValues> {
    return new PreparedQuery(this.source, name);
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

  private source(config: unknown, mode: QueryMode, run: PreparedSource['run']): PreparedSource {
    return { schema: this.schema, scope: this.scope, key: this.key, options: this.options, config, mode, run };
  }

  /** `findMany(config)`, to prepare (`TQuery` has no default: see {@link Exact}). */
  findMany<const TQuery extends FindManyConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindManyConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery>[], PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'many', runFind));
  }

  /** `findFirst(config)`, to prepare: the first row or `null`. */
  findFirst<const TQuery extends FindFirstConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery> | null, PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'first', runFirst));
  }

  /** `findFirstOrThrow(config)`, to prepare: the first row; `NOT_FOUND` when there is none. */
  findFirstOrThrow<const TQuery extends FindFirstConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery>, PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'first', runFirstOrThrow));
  }

  /** `count(config)`, to prepare. */
  count<const TQuery extends CountConfig<TSchema, TConfig> = {}>(
    config?: TQuery,
  ): PreparableQuery<number, PlaceholderValues<TSchema, TConfig, TQuery>> {
    return new PreparableQuery(this.source(config, 'count', runCount));
  }
}
