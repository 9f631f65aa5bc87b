import { meterOf, unmetered } from '../limits/meteredDb.js';

/**
 * A statement builder that runs when awaited (Drizzle's `QueryPromise`):
 * builders are immutable, and nothing reads or writes until `await`,
 * `.then`, `.catch` or `.finally`. Statements on one Convex writer run one
 * at a time (see {@link runExclusive}).
 */
export abstract class QueryPromise<TResult> implements Promise<TResult> {
  readonly [Symbol.toStringTag] = 'QueryPromise';

  /** @param writer The Convex database writer the statement writes through. */
  constructor(private readonly writer: object) {}

  /** Runs the statement. */
  protected abstract execute(): Promise<TResult>;

  // biome-ignore lint/suspicious/noThenProperty: builders are awaitable by design, as in Drizzle.
  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    // Keyed by the Convex database itself, so every ORM on one transaction shares the queue.
    return runExclusive(unmetered(this.writer), async () => {
      // The transaction's reads and writes so far, the caller's own included.
      await meterOf(this.writer as never)?.sync();
      return this.execute();
    }).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<TResult | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TResult> {
    return this.then().finally(onfinally);
  }
}

/** The last statement started on each Convex writer. */
const lastStatement = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `statement` once every statement started before it on the same writer
 * has settled. A statement checks every row before its first write; two
 * statements interleaved by `Promise.all` in one mutation would otherwise both
 * pass a uniqueness check that only one of them may pass.
 */
function runExclusive<R>(writer: object, statement: () => Promise<R>): Promise<R> {
  const result = (lastStatement.get(writer) ?? Promise.resolve()).then(statement);
  lastStatement.set(
    writer,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}
