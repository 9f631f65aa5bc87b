import { meterOf } from '../limits/meteredDb.js';

/**
 * A statement builder that runs when awaited (Drizzle's `QueryPromise`):
 * builders are immutable, and nothing reads or writes until `await`,
 * `.then`, `.catch` or `.finally`. Statements on one Convex writer run one
 * at a time (see {@link runExclusive}).
 */
export abstract class QueryPromise<TResult> implements Promise<TResult> {
  readonly [Symbol.toStringTag] = 'QueryPromise';

  /**
   * @param lock What the statement queues behind (the Convex writer, or a hook level's own).
   * @param db The database the statement reads through: its meter is synced with the
   *   transaction's metrics before the statement runs.
   */
  constructor(
    private readonly lock: object,
    private readonly db?: object,
  ) {}

  /** Runs the statement. */
  protected abstract execute(): Promise<TResult>;

  // biome-ignore lint/suspicious/noThenProperty: builders are awaitable by design, as in Drizzle.
  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return runExclusive(this.lock, async () => {
      // The transaction's reads and writes so far, the caller's own included.
      if (this.db) await meterOf(this.db as never)?.sync();
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
