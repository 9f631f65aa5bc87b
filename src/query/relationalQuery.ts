import { QueryPromise } from '../queryPromise.js';
import type { QueryExplain } from './explain.js';

/**
 * A lazy query, a proper promise (see {@link QueryPromise}): nothing is
 * read until it is awaited, a bad config rejects it, and `explain()` shows
 * the plan without reading.
 */
export class RelationalQuery<TResult, TExplain = QueryExplain> extends QueryPromise<TResult> {
  /**
   * @param writer The Convex writer the query reads through (its operations run in order), or `null` in a query function.
   * @param underRules True when the query's `db` has rules (see {@link QueryPromise}).
   */
  constructor(
    writer: object | null,
    private readonly run: () => Promise<TResult>,
    private readonly plan: () => TExplain,
    underRules: boolean,
  ) {
    super(writer, undefined, underRules);
  }

  /** A query that rejects with `error` when run, and whose `explain()` throws it (a prepared query given a ctx it cannot run in). */
  static failed<TResult, TExplain = QueryExplain>(error: Error): RelationalQuery<TResult, TExplain> {
    return new RelationalQuery<TResult, TExplain>(
      null,
      () => Promise.reject(error),
      () => {
        throw error;
      },
      false,
    );
  }

  protected override perform(): Promise<TResult> {
    return this.run();
  }

  /** The plan: index, ranges, residual filter, order source, scan budget, relation loads (a select's: its reads, joins, grouping). No reads. */
  explain(): TExplain {
    return this.plan();
  }
}
