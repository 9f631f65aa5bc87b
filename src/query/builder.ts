import type { GenericDatabaseReader, PaginationOptions, PaginationResult } from 'convex/server';
import { meterOf } from '../limits/meteredDb.js';
import type { TableRelationalConfig, TablesRelationalConfig } from '../relations/schema.js';
import { countRows } from './count.js';
import { createExecution, type QueryExecution, type ReadOptions } from './execution.js';
import { explainQuery } from './explain.js';
import { runFind, runFirst, runFirstOrThrow } from './find.js';
import { pageRows, runPaginate } from './paginate.js';
import { type ParsedQuery, parseQuery, type QueryMode } from './parseQuery.js';
import { RelationalQuery } from './relationalQuery.js';
import type { SchemaContext } from './schemaContext.js';
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

  /** A lazy query of `config`; `limit` stands for the config's own (a page reads `numItems` rows). */
  private query<T>(
    config: unknown,
    mode: QueryMode,
    run: (execution: QueryExecution, query: ParsedQuery) => Promise<T>,
    limit?: () => number,
  ) {
    const parse = () => {
      const query = parseQuery(this.schema, this.key, config, mode);
      return limit === undefined ? query : { ...query, limit: limit() };
    };
    const budget = (query: ParsedQuery) => query.scanBudget ?? this.options.scanBudget;
    return new RelationalQuery<T>(
      this.writer,
      async () => {
        await this.schema.rules?.ready();
        const query = parse();
        await meterOf(this.db)?.sync();
        return run(createExecution(this.db, this.schema, { ...this.options, scanBudget: budget(query) }), query);
      },
      () => {
        const query = parse();
        return explainQuery(this.schema, query, budget(query));
      },
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
   * works unchanged, `endCursor` included). The order must come from an
   * index; a page holds `numItems` rows that pass the filter unless the
   * data ends or `maximumRowsRead` / the scan budget stops it early
   * (`pageStatus: 'SplitRequired'`).
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
    ) as never;
  }

  /** The number of matching rows, read within the scan budget. */
  count(config?: CountConfig<TSchema, TConfig, never>): RelationalQuery<number> {
    return this.query(config, 'count', countRows);
  }
}
