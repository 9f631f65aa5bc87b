import type { QueryExplain } from './explain.js';

/**
 * A lazy query (Drizzle's QueryPromise): nothing is read until it is
 * awaited, and `explain()` shows the plan without reading.
 */
export class RelationalQuery<TResult> implements PromiseLike<TResult> {
  constructor(
    private readonly run: () => Promise<TResult>,
    private readonly plan: () => QueryExplain,
  ) {}

  /** Runs the query. */
  execute(): Promise<TResult> {
    return this.run();
  }

  // biome-ignore lint/suspicious/noThenProperty: a query is awaitable by design, like Drizzle's.
  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.run().then(onfulfilled, onrejected);
  }

  /** The plan: index, ranges, residual filter, order source, scan budget, relation loads. No reads. */
  explain(): QueryExplain {
    return this.plan();
  }
}
