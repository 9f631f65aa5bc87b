/**
 * A statement builder that runs when awaited (Drizzle's `QueryPromise`):
 * builders are immutable, and nothing reads or writes until `await`,
 * `.then`, `.catch` or `.finally`.
 */
export abstract class QueryPromise<TResult> implements Promise<TResult> {
  readonly [Symbol.toStringTag] = 'QueryPromise';

  /** Runs the statement. */
  protected abstract execute(): Promise<TResult>;

  // biome-ignore lint/suspicious/noThenProperty: builders are awaitable by design, as in Drizzle.
  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.execute().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<TResult | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TResult> {
    return this.execute().finally(onfinally);
  }
}
