/** A row test: synchronous for column conditions, a promise when it reads related rows. */
export type RowTest<T> = (row: T) => boolean | Promise<boolean>;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The rows of `source` that pass `test`, lazily. A hand-written iterator, not
 * an async generator: a generator costs several promises per row (its own
 * `next`, the awaits of `yield`), and the read path runs this per document.
 * A test that throws closes the source before the error is passed on, as a
 * `for await` leaving a generator would.
 */
export function filterRows<T>(source: AsyncIterable<T>, test: RowTest<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      return new FilteredRows(source[Symbol.asyncIterator](), test);
    },
  };
}

/** One pass of {@link filterRows}: its steps are methods, so a pass makes one object, not a closure per step. */
class FilteredRows<T> implements AsyncIterator<T> {
  constructor(
    private readonly rows: AsyncIterator<T>,
    private readonly test: RowTest<T>,
  ) {}

  next(): Promise<IteratorResult<T>> {
    return this.rows.next().then((result) => {
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
    });
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
