import type { ReadBudget } from './budget.js';

/** A row test: synchronous for column conditions, a promise when it reads related rows. */
export type RowTest<T> = (row: T) => boolean | Promise<boolean>;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The rows of `source` that pass `test`, lazily. A hand-written iterator, not
 * an async generator: a generator costs several promises per row (its own
 * `next`, the awaits of `yield`), and the read path runs this per document.
 * A test that throws closes the source before the error is passed on, as a
 * `for await` leaving a generator would. Given `budget` and `exceeded`, each
 * row's read is reserved on `budget` before it starts ({@link ReadBudget.reserve}),
 * and past the budget the pass throws `exceeded()`; without them the source
 * charges its own reads, if any (reads by id).
 */
export function filterRows<T>(
  source: AsyncIterable<T>,
  test: RowTest<T>,
  budget?: ReadBudget,
  exceeded?: (() => Error) | null,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      return new FilteredRows(source[Symbol.asyncIterator](), test, budget, exceeded);
    },
  };
}

/** One pass of {@link filterRows}: its steps are methods, so a pass makes one object, not a closure per step. */
class FilteredRows<T> implements AsyncIterator<T> {
  constructor(
    private readonly rows: AsyncIterator<T>,
    private readonly test: RowTest<T>,
    private readonly budget: ReadBudget | undefined,
    private readonly exceeded: (() => Error) | null | undefined,
  ) {}

  next(): Promise<IteratorResult<T>> {
    const { budget, exceeded } = this;
    if (!budget || !exceeded) return this.rows.next().then((result) => this.tested(result));
    const room = budget.reserve();
    if (room === false) return this.failed(exceeded());
    if (room !== true) return room.then(() => this.next());
    return this.rows.next().then(
      (result) => (budget.settle(result.done !== true) ? this.tested(result) : this.failed(exceeded())),
      (error: unknown) => {
        budget.settle(false);
        throw error;
      },
    );
  }

  /** The row `result` gave if it passes the test; else the next one that does. */
  private tested(result: IteratorResult<T>): IteratorResult<T> | Promise<IteratorResult<T>> {
    if (result.done) return result;
    const { test } = this;
    let passed: boolean | Promise<boolean>;
    try {
      passed = test(result.value);
    } catch (error) {
      return this.failed(error);
    }
    if (passed === true) return result;
    if (passed === false) return this.next();
    return passed.then(
      (ok) => (ok ? result : this.next()),
      (error: unknown) => this.failed(error),
    );
  }

  return(): Promise<IteratorResult<T>> {
    return this.close().then(() => DONE);
  }

  private close(): Promise<IteratorResult<T>> {
    return this.rows.return?.() ?? Promise.resolve(DONE);
  }

  private failed(error: unknown): Promise<never> {
    return this.close().then(() => {
      throw error;
    });
  }
}
