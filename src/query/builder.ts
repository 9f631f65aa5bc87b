import type { GenericDatabaseReader, PaginationOptions, PaginationResult } from 'convex/server';
import type { AggregateSpec } from '../aggregate/spec.js';
import { parseSpec } from '../aggregate/spec.js';
import { afterSync } from '../limits/meteredDb.js';
import type { Plan } from '../planner/types.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import type { TableConfig } from '../schema/table.js';
import {
  AGGREGATE_KEYS,
  COUNT_SPEC,
  explainAggregate,
  GROUP_BY_KEYS,
  parseGroupBy,
  runAggregate,
  runCount,
  runGroupBy,
} from './aggregate.js';
import { AggregateQuery } from './aggregateQuery.js';
import { assertDeployed, queryTables } from './deployedTables.js';
import { createExecution, type QueryExecution, type ReadOptions } from './execution.js';
import { explainQuery, type QueryExplain } from './explain.js';
import { planRoot, runFind, runFirst, runFirstOrThrow } from './find.js';
import { pageRows } from './pageChecks.js';
import { explainPage, runPaginate } from './paginate.js';
import { type ParsedQuery, parseQuery, type QueryMode } from './parseQuery.js';
import { RelationalQuery } from './relationalQuery.js';
import type { SchemaContext } from './schemaContext.js';
import { parseByShape } from './shapePlans.js';
import type {
  AggregateConfig,
  AggregateResult,
  GroupByConfig,
  GroupByOrderCheck,
  GroupByResult,
} from './types/aggregate.js';
import type { CountConfig, FindFirstConfig, FindManyConfig, KnownKeysOnly, PaginateConfig } from './types/config.js';
import type { BuildQueryResult } from './types/result.js';

/**
 * A config `T` with no keys `U` does not know (checked through every `with` level).
 * The `TQuery` parameters that use it have no default on purpose: with a
 * default, a config whose only keys are callbacks (`{ orderBy: (u) => ... }`)
 * has nothing to infer from before its callbacks are checked, so TypeScript
 * falls back to the default and the callbacks lose their contextual types.
 * Without one it falls back to the constraint, as Drizzle's
 * `findMany<TConfig extends ...>`.
 */
export type Exact<T, U> = T & KnownKeysOnly<T, U>;

/** `db.query.<table>`: the relational queries of one table (Drizzle v1 RQB). */
export class RelationalQueryBuilder<TSchema extends TablesRelationalConfig, TConfig extends TableRelationalConfig> {
  /**
   * @param writer The writer when `db` is one: its queries then run in order with its statements.
   */
  constructor(
    private readonly db: GenericDatabaseReader<any>,
    private readonly schema: SchemaContext,
    private readonly key: string,
    private readonly options: ReadOptions,
    private readonly writer: object | null,
  ) {}

  /**
   * The query of `config` and, for a `findMany` / `findFirst` its shape's
   * prepared plan serves (`parseByShape`), its root plan; `limit` stands for
   * the config's own (a page reads `numItems` rows). Parsed anew each time,
   * so a bad config rejects where it is used.
   */
  private parse(config: unknown, mode: QueryMode, limit?: () => number) {
    const { query, plan } =
      limit === undefined && (mode === 'many' || mode === 'first')
        ? parseByShape(this.schema, this.key, this.options, config, mode)
        : { query: parseQuery(this.schema, this.key, config, mode), plan: undefined };
    const parsed = limit === undefined ? query : { ...query, limit: limit() };
    return { query: parsed, scanBudget: parsed.scanBudget ?? this.options.scanBudget, plan };
  }

  /** Parses and runs the query of `config` (with its shape's plan, if any), once the rules are ready and the meter synced. */
  private execute<T>(
    config: unknown,
    mode: QueryMode,
    run: (execution: QueryExecution, query: ParsedQuery, plan?: Plan) => Promise<T>,
    limit?: () => number,
  ): Promise<T> {
    return this.schema.afterRules(() => {
      const { query, scanBudget, plan } = this.parse(config, mode, limit);
      assertDeployed(this.schema, () => queryTables(this.schema, query));
      const execution = createExecution(this.db, this.schema, this.options, scanBudget, query.withDeleted);
      return afterSync(this.db, () => run(execution, query, plan));
    });
  }

  /**
   * A lazy query of `config` whose `explain()` describes its plan without reading;
   * `explain` replaces the plan description (a page's).
   */
  private query<T>(
    config: unknown,
    mode: QueryMode,
    run: (execution: QueryExecution, query: ParsedQuery, plan?: Plan) => Promise<T>,
    limit?: () => number,
    explain: (query: ParsedQuery, scanBudget: number, plan?: Plan) => QueryExplain = (query, scanBudget, plan) =>
      explainQuery(this.schema, query, scanBudget, { plan, db: this.db }),
  ) {
    return new RelationalQuery<T>(
      this.writer,
      () => this.execute(config, mode, run, limit),
      () => {
        const { query, scanBudget, plan } = this.parse(config, mode, limit);
        return explain(query, scanBudget, plan);
      },
      this.schema.rules !== null,
    );
  }

  /** Rows matching `config` (where, orderBy, limit/offset, columns, with, extras). */
  findMany<const TQuery extends FindManyConfig<TSchema, TConfig, never>>(
    config?: Exact<TQuery, FindManyConfig<TSchema, TConfig, never>>,
  ): RelationalQuery<BuildQueryResult<TSchema, TConfig, TQuery>[]> {
    return this.query(config, 'many', runFind) as never;
  }

  /** The first matching row, or `null` (Convex's convention; Drizzle returns `undefined`). */
  findFirst<const TQuery extends FindFirstConfig<TSchema, TConfig, never>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig, never>>,
  ): RelationalQuery<BuildQueryResult<TSchema, TConfig, TQuery> | null> {
    return this.query(config, 'first', runFirst) as never;
  }

  /** The first matching row; throws `NOT_FOUND` when there is none. */
  findFirstOrThrow<const TQuery extends FindFirstConfig<TSchema, TConfig, never>>(
    config?: Exact<TQuery, FindFirstConfig<TSchema, TConfig, never>>,
  ): RelationalQuery<BuildQueryResult<TSchema, TConfig, TQuery>> {
    return this.query(config, 'first', runFirstOrThrow) as never;
  }

  /**
   * One page in Convex's `PaginationResult` shape (`usePaginatedQuery`
   * works unchanged, its split halves' `endCursor` included). The order must
   * come from an index; a page holds `numItems` rows that pass the filter
   * unless the data ends or `maximumRowsRead` / the scan budget stops it
   * early (`pageStatus: 'SplitRequired'`). Only a page that is Convex's own
   * `.paginate()` (one range, no residual filter, the function's first) is
   * pinned across reactive re-runs; pass `endCursor` to pin the others
   * (`explain().page` says which).
   */
  paginate<const TQuery extends PaginateConfig<TSchema, TConfig, never>>(
    paginationOpts: PaginationOptions,
    config?: Exact<TQuery, PaginateConfig<TSchema, TConfig, never>>,
  ): RelationalQuery<PaginationResult<BuildQueryResult<TSchema, TConfig, TQuery>>> {
    return this.query(
      config,
      'paginate',
      (execution, query) => runPaginate(execution, query, paginationOpts),
      () => pageRows(this.schema.table(this.key).name, paginationOpts),
      (query, scanBudget) => {
        const plan = planRoot(query);
        return explainPage(
          explainQuery(this.schema, query, scanBudget, { plan, db: this.db }),
          query,
          plan,
          this.schema,
          this.options.cursorSeal !== undefined,
          paginationOpts,
        );
      },
    ) as never;
  }

  /**
   * An aggregate read: `config` without `keys` is parsed as a count config
   * (where, scanBudget, withDeleted), and its `keys` by `parseKeys`, for the
   * read and for its awaited `explain()` alike (a config the read rejects,
   * `explain()` rejects); `explain()` reads the state of the aggregate index
   * that could serve the read to say whether it does.
   */
  private aggregateQuery<
    T,
    TRead extends {
      readonly spec: AggregateSpec;
      readonly by?: readonly string[];
      readonly limit?: number | undefined;
    },
  >(
    method: 'count' | 'aggregate' | 'groupBy',
    config: Record<string, unknown> | undefined,
    keys: readonly string[],
    parseKeys: (table: TableConfig) => TRead,
    run: (execution: QueryExecution, query: ParsedQuery, read: TRead) => Promise<T>,
  ): AggregateQuery<T> {
    // Read when the query runs, not when it is made: a config's getter (or a Proxy) that throws rejects it.
    return new AggregateQuery<T>(
      this.writer,
      () =>
        this.execute(countConfigOf(config, keys), method, (execution, query) =>
          run(execution, query, parseKeys(query.table)),
        ),
      async () => {
        await this.schema.rules?.ready();
        const { query, scanBudget } = this.parse(countConfigOf(config, keys), method);
        const { spec, by, limit } = parseKeys(query.table);
        return explainAggregate(
          this.db,
          this.schema,
          query,
          { scanBudget, strict: this.options.strict },
          spec,
          by,
          limit,
        );
      },
      this.schema.rules !== null,
    );
  }

  /**
   * The number of matching rows: one bucket read per key when an aggregate
   * index with `.count()` serves the where, else counted within the scan budget.
   */
  count(config?: CountConfig<TSchema, TConfig, never>): AggregateQuery<number> {
    return this.aggregateQuery('count', config as Record<string, unknown>, [], () => ({ spec: COUNT_SPEC }), runCount);
  }

  /**
   * `_count`, `_sum`, `_avg`, `_min`, `_max` of the matching rows, nulls
   * ignored as in SQL (`_avg` of no values is `null`). `_sum` of a `bigint()` column is its exact
   * `bigint` (`RESULT_TOO_LARGE` past int64), `_avg` of it a number rounded once.
   */
  aggregate<const TQuery extends AggregateConfig<TSchema, TConfig>>(
    config: Exact<TQuery, AggregateConfig<TSchema, TConfig>>,
  ): AggregateQuery<AggregateResult<TConfig, TQuery>> {
    const input = config as Record<string, unknown>;
    return this.aggregateQuery(
      'aggregate',
      input,
      AGGREGATE_KEYS,
      (table) => ({ spec: parseSpec(table, input) }),
      (execution, query, { spec }) => runAggregate(execution, query, spec),
    ) as never;
  }

  /** One row per distinct value of the `by` columns, with the requested aggregates; `orderBy` and `limit` apply to groups. */
  groupBy<const TQuery extends GroupByConfig<TSchema, TConfig>>(
    config: Exact<TQuery, GroupByConfig<TSchema, TConfig>> & GroupByOrderCheck<TQuery>,
  ): AggregateQuery<GroupByResult<TConfig, TQuery>[]> {
    const input = config as Record<string, unknown>;
    return this.aggregateQuery(
      'groupBy',
      input,
      GROUP_BY_KEYS,
      (table) => parseGroupBy(table, input),
      runGroupBy,
    ) as never;
  }
}

/**
 * An aggregate read's config without its `keys` (`_sum`, `by`, …): what is parsed as a count config.
 * Those keys are not read here (`parseKeys` reads them): a getter on one runs once per run.
 */
function countConfigOf(config: Record<string, unknown> | undefined, keys: readonly string[]): unknown {
  if (config === undefined || config === null || typeof config !== 'object') return config;
  return Object.fromEntries(Object.keys(config).flatMap((key) => (keys.includes(key) ? [] : [[key, config[key]]])));
}
