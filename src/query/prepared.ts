import type { PaginationOptions, PaginationResult } from 'convex/server';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import type { AggregateQuery } from './aggregateQuery.js';
import type { Exact } from './builder.js';
import type { ReadOptions } from './execution.js';
import type { QueryExplain } from './explain.js';
import { runFind, runFirst, runFirstOrThrow } from './find.js';
import { pageRows } from './pageChecks.js';
import { explainPage, runPaginate } from './paginate.js';
import type { QueryMode } from './parseQuery.js';
import {
  type DescribeQuery,
  PreparedCore,
  type PreparedCtx,
  type PreparedSource,
  type RunQuery,
} from './preparedCore.js';
import type { RelationalQuery } from './relationalQuery.js';
import type { SchemaContext } from './schemaContext.js';
import type { CountConfig, FindFirstConfig, FindManyConfig, PaginateConfig } from './types/config.js';
import type { PlaceholderValues } from './types/placeholders.js';
import type { BuildQueryResult } from './types/result.js';

/**
 * What `execute` takes after `ctx`: the values, optional when every name is (a query without
 * placeholders, whose values are `Record<string, never>`: see {@link PlaceholderValues}).
 * The values themselves are the parameter's type, so a generic `TValues` passes through.
 */
type ValuesArgs<TValues> = {} extends TValues ? [values?: TValues] : [values: TValues];

/**
 * A query parsed once and executed many times with placeholder values
 * (Drizzle's `PreparedQuery`). Build it at module scope; Convex functions
 * have no connection outside a call, so `execute` takes the function's `ctx`.
 * The root read is planned once, at the first execution, when no
 * placeholder can change the plan's shape (`explain().prepared` says).
 */
export class PreparedQuery<TResult, TValues, TSchema extends TablesRelationalConfig = any> {
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
   * With an ORM `db` as `ctx.db` (a trigger's `ctx`, `{ db: orm.db(ctx) }`), it runs as that
   * `db`'s own queries do: in its turn, under its rules.
   */
  execute(ctx: PreparedCtx<TSchema>, ...[values]: ValuesArgs<TValues>): RelationalQuery<TResult> {
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
export class PreparedPaginatedQuery<TRow, TValues, TSchema extends TablesRelationalConfig = any> {
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
    ctx: PreparedCtx<TSchema>,
    paginationOpts: PaginationOptions,
    ...[values]: ValuesArgs<TValues>
  ): RelationalQuery<PaginationResult<TRow>> {
    return this.core.execute(
      ctx,
      values,
      (execution, query, plan) => runPaginate(execution, query, paginationOpts, plan),
      () => pageRows(this.core.source.schema.table(this.core.source.key).name, paginationOpts),
      this.describePage(paginationOpts),
    );
  }

  /** The plan of a page for these values. No reads. */
  explain(paginationOpts: PaginationOptions, ...[values]: ValuesArgs<TValues>): QueryExplain {
    const table = this.core.source.schema.table(this.core.source.key).name;
    const rows = pageRows(table, paginationOpts);
    return this.core.explain(values, rows, this.core.source.schema, this.describePage(paginationOpts));
  }

  /** `explain()` of a page of these options (see `explainPage`). */
  private describePage(paginationOpts: PaginationOptions): DescribeQuery {
    return (explain, plan, schema, query) => explainPage(explain, query, plan, schema, this.sealed, paginationOpts);
  }
}

/**
 * A prepared `count`: `execute(ctx, values)` is a lazy count like
 * `db.query.<table>.count()` returns, its awaited `explain()` included (an
 * aggregate index serves it only once built, which only a `ctx` can read).
 */
export class PreparedCount<TValues, TSchema extends TablesRelationalConfig = any> {
  private readonly core: PreparedCore;

  constructor(
    source: PreparedSource,
    /** The name given to `prepare(name)`, used in error messages. */
    readonly name: string | undefined,
  ) {
    this.core = new PreparedCore(source, name);
  }

  /** The number of matching rows for these values, in a Convex query or mutation. */
  execute(ctx: PreparedCtx<TSchema>, ...[values]: ValuesArgs<TValues>): AggregateQuery<number> {
    return this.core.count(ctx, values);
  }
}

/** A count config waiting for `prepare()`: what `orm.query.<table>.count(config)` returns. */
export class PreparableCount<TValues, TSchema extends TablesRelationalConfig = any> {
  constructor(private readonly source: PreparedSource) {}

  /** Prepares the count; `name` only labels its errors. */
  prepare(name?: string): PreparedCount<TValues, TSchema> {
    return new PreparedCount(this.source, name);
  }
}

/** A query config waiting for `prepare()`: what `orm.query.<table>.findMany(config)` returns. */
export class PreparableQuery<TResult, TValues, TSchema extends TablesRelationalConfig = any> {
  constructor(
    private readonly source: PreparedSource,
    private readonly run: RunQuery,
  ) {}

  /** Prepares the query; `name` only labels its errors (Convex has no server-side statements). */
  prepare(name?: string): PreparedQuery<TResult, TValues, TSchema> {
    return new PreparedQuery(this.source, this.run, name);
  }
}

/** A paginate config waiting for `prepare()`: what `orm.query.<table>.paginate(config)` returns. */
export class PreparablePaginatedQuery<TRow, TValues, TSchema extends TablesRelationalConfig = any> {
  constructor(private readonly source: PreparedSource) {}

  /** Prepares the page query; `name` only labels its errors. */
  prepare(name?: string): PreparedPaginatedQuery<TRow, TValues, TSchema> {
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
  ): PreparableQuery<
    BuildQueryResult<TSchema, TConfig, TQuery>[],
    PlaceholderValues<TSchema, TConfig, TQuery>,
    TSchema
  > {
    return new PreparableQuery(this.source(config, 'many'), runFind);
  }

  /** `findFirst(config)`, to prepare: the first row or `null`. */
  findFirst<const TQuery extends FindFirstConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig>>,
  ): PreparableQuery<
    BuildQueryResult<TSchema, TConfig, TQuery> | null,
    PlaceholderValues<TSchema, TConfig, TQuery>,
    TSchema
  > {
    return new PreparableQuery(this.source(config, 'first'), runFirst);
  }

  /** `findFirstOrThrow(config)`, to prepare: the first row; `NOT_FOUND` when there is none. */
  findFirstOrThrow<const TQuery extends FindFirstConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig>>,
  ): PreparableQuery<BuildQueryResult<TSchema, TConfig, TQuery>, PlaceholderValues<TSchema, TConfig, TQuery>, TSchema> {
    return new PreparableQuery(this.source(config, 'first'), runFirstOrThrow);
  }

  /**
   * `paginate(config)`, to prepare: `execute(ctx, paginationOpts, values)`
   * gives one page, as `db.query.<table>.paginate` does.
   */
  paginate<const TQuery extends PaginateConfig<TSchema, TConfig>>(
    config?: Exact<TQuery, PaginateConfig<TSchema, TConfig>>,
  ): PreparablePaginatedQuery<
    BuildQueryResult<TSchema, TConfig, TQuery>,
    PlaceholderValues<TSchema, TConfig, TQuery>,
    TSchema
  > {
    return new PreparablePaginatedQuery(this.source(config, 'paginate'));
  }

  /**
   * `count(config)`, to prepare. `TQuery` defaults to no config (none given, no placeholder): a
   * count config holds no callback to lose its contextual types to the default (see {@link Exact}).
   */
  count<const TQuery extends CountConfig<TSchema, TConfig> = {}>(
    config?: Exact<TQuery, CountConfig<TSchema, TConfig>>,
  ): PreparableCount<PlaceholderValues<TSchema, TConfig, TQuery>, TSchema> {
    return new PreparableCount(this.source(config, 'count'));
  }
}
