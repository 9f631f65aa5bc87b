/**
 * A statement builder that runs when awaited (Drizzle style): builders are
 * immutable, and nothing reads or writes until `await` (or `.then`).
 */
export abstract class QueryPromise<TResult> implements PromiseLike<TResult> {
  /** Runs the statement. */
  protected abstract execute(): Promise<TResult>;

  // biome-ignore lint/suspicious/noThenProperty: builders are awaitable by design, as in Drizzle.
  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.execute().then(onfulfilled, onrejected);
  }
}
