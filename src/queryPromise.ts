import { meterOf } from './limits/meteredDb.js';

/**
 * A lazy operation that is a proper promise (Drizzle's `QueryPromise`):
 * builders are immutable, nothing reads or writes until `await`, `.then`,
 * `.catch`, `.finally` or `.execute()`, and each of those runs it anew (as in Drizzle:
 * awaiting a statement twice executes it twice). Every error, bad input
 * included, rejects it: no builder method throws.
 *
 * On a Convex writer every ORM operation (statements and queries) runs in
 * the order it was started, each after the previous one settled, as raw
 * `ctx.db` calls and Drizzle on one transaction do: in `Promise.all([insert,
 * count])` the count sees the insert, and two statements never interleave
 * their checks and writes (a uniqueness check only one of them may pass). On
 * a reader nothing writes, so queries run concurrently.
 */
export abstract class QueryPromise<TResult> implements Promise<TResult> {
  readonly [Symbol.toStringTag] = 'QueryPromise';

  /**
   * @param writer What the operation queues behind (a Convex writer, or a hook
   *   level's own lock), or `null` for a reader.
   * @param db The database the operation reads through: its meter is synced
   *   with the transaction's metrics before the operation runs.
   */
  constructor(
    private readonly writer: object | null,
    private readonly db?: object,
  ) {}

  /** What the operation does; {@link execute} runs it in order. */
  protected abstract perform(): Promise<TResult>;

  /** Runs the operation now (in order on a writer), as awaiting it does. */
  execute(): Promise<TResult> {
    return inOrder(this.writer, async () => {
      // The transaction's reads and writes so far, the caller's own included.
      if (this.db) await meterOf(this.db as never)?.sync();
      return this.perform();
    });
  }

  // biome-ignore lint/suspicious/noThenProperty: builders are awaitable by design, as in Drizzle.
  then<A = TResult, B = never>(
    onfulfilled?: ((value: TResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.execute().then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<TResult | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<TResult> {
    return this.then().finally(onfinally);
  }
}

/** The database itself when it is a writer (its operations run in order), else `null`. */
export function writerOf(db: object): object | null {
  return typeof (db as { insert?: unknown }).insert === 'function' ? db : null;
}

/** The last operation started on each Convex writer. */
const lastOperation = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `operation` (a synchronous throw becomes a rejection) once every
 * operation started before it on the same writer has settled; on a reader
 * (`null`), right away.
 */
function inOrder<R>(writer: object | null, operation: () => Promise<R>): Promise<R> {
  if (writer === null) return Promise.resolve().then(operation);
  const result = (lastOperation.get(writer) ?? Promise.resolve()).then(operation);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  lastOperation.set(writer, settled);
  return result;
}
