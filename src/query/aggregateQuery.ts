import { QueryPromise } from '../queryPromise.js';
import type { QueryExplain } from './explain.js';

/** A lazy explanation: reads what it must (an aggregate index's state) when awaited, in order on a writer. */
class Explanation extends QueryPromise<QueryExplain> {
  constructor(
    writer: object | null,
    private readonly plan: () => Promise<QueryExplain>,
    underRules: boolean,
  ) {
    super(writer, undefined, underRules);
  }

  protected override perform(): Promise<QueryExplain> {
    return this.plan();
  }
}

/**
 * A lazy `count` / `aggregate` / `groupBy`, a proper promise like every
 * query. Its `explain()` is awaited: whether an aggregate index serves the
 * read depends on whether the index is built, which only its state
 * document says.
 */
export class AggregateQuery<TResult> extends QueryPromise<TResult> {
  /**
   * @param lock The Convex writer the query reads through (its operations run in order), or `null` in a query function.
   * @param underRules True when the query's `db` has rules (see {@link QueryPromise}).
   */
  constructor(
    private readonly lock: object | null,
    private readonly run: () => Promise<TResult>,
    private readonly plan: () => Promise<QueryExplain>,
    underRules: boolean,
  ) {
    super(lock, undefined, underRules);
  }

  protected override perform(): Promise<TResult> {
    return this.run();
  }

  /**
   * How the read runs, as a lazy promise: `aggregate` names the aggregate
   * index that serves it (and the bucket range read), says `building` when
   * the index is not backfilled yet and the bounded scan described runs
   * instead, or says why no index serves it. Reads one document (the
   * index's state) when an index could serve; a bad config rejects.
   */
  explain(): QueryPromise<QueryExplain> {
    return new Explanation(this.lock, this.plan, this.underRules);
  }
}
