import { withoutUsage } from './limits/budgetError.js';
import { afterSync } from './limits/meteredDb.js';

/** The key of {@link QueryPromise}'s internal run for a caller that reports when it settled (not exported from the package). */
export const executeAwaited: unique symbol = Symbol('executeAwaited');
/** The key of {@link QueryPromise}'s internal report that such a run settled. */
export const settledFor: unique symbol = Symbol('settledFor');

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
  // A getter on the prototype, not a field: no per-instance initializer (a hook's statement makes two builders per row).
  get [Symbol.toStringTag](): string {
    return 'QueryPromise';
  }

  /**
   * @param writer What the operation queues behind (a Convex writer, or a hook
   *   level's own lock), or `null` for a reader.
   * @param db The database the operation reads through: its meter is synced
   *   with the transaction's metrics before the operation runs.
   * @param underRules True for an operation of a `db` with rules: its budget errors leave without
   *   the transaction's usage ({@link withoutUsage}), which counts rows the rules hide.
   */
  constructor(
    private readonly writer: object | null,
    private readonly db?: object,
    protected readonly underRules = false,
  ) {}

  /** What the operation does; {@link execute} runs it in order. */
  protected abstract perform(): Promise<TResult>;

  /** Runs the operation now (in order on a writer), as awaiting it does. */
  execute(): Promise<TResult> {
    // The transaction's reads and writes so far, the caller's own included, before the operation runs.
    return this.outcome(inOrder(this.writer, this.db, () => this.perform(), false));
  }

  /**
   * Runs the operation now, in order, as {@link execute} does, for a caller that awaits the result
   * and then calls {@link settledFor}: the writer's queue learns that the operation settled from
   * that caller instead of from a promise of its own (the after-hook runner, once per row).
   */
  [executeAwaited](): Promise<TResult> {
    return this.outcome(inOrder(this.writer, this.db, () => this.perform(), true));
  }

  /** The operation's outcome as its caller gets it: under rules, a budget error without the usage. */
  private outcome(run: Promise<TResult>): Promise<TResult> {
    return this.underRules ? run.catch(rethrowWithoutUsage) : run;
  }

  /** Tells the writer's queue that an operation run by {@link executeAwaited} has settled (once its caller's await returned). */
  [settledFor](): void {
    if (this.writer !== null) queues.get(this.writer)!.unsettled--;
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

function rethrowWithoutUsage(error: unknown): never {
  throw withoutUsage(error);
}

/** The database itself when it is a writer (its operations run in order), else `null`. */
export function writerOf(db: object): object | null {
  return typeof (db as { insert?: unknown }).insert === 'function' ? db : null;
}

/**
 * Runs `run` and settles once every operation started on `lock` meanwhile has settled, those `run`
 * did not await included, with `run`'s outcome. A statement's hooks (`run` calls them; `lock` is
 * the hook level's): none their `ctx.db` started runs beside the caller's next statement (whose
 * unique checks it would interleave with); one a hook starts after its statement settled is not
 * waited for (docs/triggers.md). A transaction's callback (`lock` is its `db`'s): no statement of
 * `tx` is cut short by the mutation's end, or still writing when a rejection reaches the caller.
 */
export function settleAfterQueue<T>(lock: object, run: () => Promise<T>): Promise<T> {
  const before = queues.get(lock)?.tail;
  return run().then(
    (value) => afterSettled(lock, before, () => value),
    (error) =>
      afterSettled(lock, before, () => {
        throw error;
      }),
  );
}

/**
 * `outcome()` once every operation started on `lock` has settled; at once when none is pending,
 * or when none started since `before` was its last (`run` started nothing: a transaction in a hook
 * need not wait for the statement running the hook, which waits for it).
 */
function afterSettled<T>(lock: object, before: Promise<unknown> | undefined, outcome: () => T): T | Promise<T> {
  const idle = queues.get(lock)?.tail === before ? undefined : settledQueue(lock);
  return idle ? idle.then(outcome) : outcome();
}

/** Once every operation started on `lock` has settled (those started meanwhile too); undefined when none is pending. */
function settledQueue(lock: object): Promise<void> | undefined {
  const queue = queues.get(lock);
  if (!queue || queue.unsettled === 0 || queue.tail === undefined) return undefined;
  return queue.tail.then(
    () => settledQueue(lock),
    () => settledQueue(lock),
  );
}

/** Per lock (a Convex writer, or a hook level's lock): what its next operation waits for (the last one started), and how many started operations have not settled. */
class Queue {
  /** What the next operation waits for: set by the first one (while none is pending, none waits). */
  tail: Promise<unknown> | undefined;
  unsettled = 0;
  // One callback per writer, not one per operation (a hook level runs an operation per row).
  readonly settled: () => void = this.settle.bind(this);

  private settle(): void {
    this.unsettled--;
  }
}
const queues = new WeakMap<object, Queue>();

/**
 * Runs `operation` now, once the meter of `db` (if any) has the
 * transaction's usage so far; a synchronous throw becomes a rejection.
 */
function start<R>(db: object | undefined, operation: () => Promise<R>): Promise<R> {
  try {
    return db ? afterSync(db, operation) : operation();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Runs `operation` (through {@link start}) once every operation started
 * before it on the same writer has settled; right away when none is pending
 * (no queue to wait on: the common case of awaiting one operation at a
 * time) or on a reader (`null`). A synchronous throw becomes a rejection.
 * The queue counts it unsettled until a promise of its own sees it settle,
 * or, when `callerSettles`, until its caller says so ({@link QueryPromise}'s
 * `settledFor`): a promise less per operation for a caller that awaits it anyway.
 */
function inOrder<R>(
  writer: object | null,
  db: object | undefined,
  operation: () => Promise<R>,
  callerSettles: boolean,
): Promise<R> {
  if (writer === null) return start(db, operation);
  let queue = queues.get(writer);
  if (!queue) {
    queue = new Queue();
    queues.set(writer, queue);
  }
  const result =
    queue.tail === undefined || queue.unsettled === 0 ? start(db, operation) : startAfter(queue.tail, db, operation);
  queue.unsettled++;
  queue.tail = callerSettles ? result : result.then(queue.settled, queue.settled);
  return result;
}

/**
 * Runs `operation` once `tail` settled, fulfilled or rejected: a tail may be an operation itself
 * (one whose caller settles it), which may reject.
 */
function startAfter<R>(tail: Promise<unknown>, db: object | undefined, operation: () => Promise<R>): Promise<R> {
  return tail.then(
    () => start(db, operation),
    () => start(db, operation),
  );
}
