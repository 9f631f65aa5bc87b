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
      const rows = source[Symbol.asyncIterator]();
      const close = () => rows.return?.() ?? Promise.resolve(DONE);
      const failed = (error: unknown) =>
        close().then(() => {
          throw error;
        });
      const next = (): Promise<IteratorResult<T>> =>
        rows.next().then((result) => {
          if (result.done) return result;
          let passed: boolean | Promise<boolean>;
          try {
            passed = test(result.value);
          } catch (error) {
            return failed(error);
          }
          if (passed === true) return result;
          if (passed === false) return next();
          return passed.then((ok) => (ok ? result : next()), failed);
        });
      return { next, return: () => close().then(() => DONE) };
    },
  };
}
