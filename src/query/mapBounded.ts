/**
 * Convex allows 1,000 concurrent database operations per function; reads per
 * parent row run this many at a time so wide results stay well under it.
 */
const READ_CONCURRENCY = 64;

/**
 * `Promise.all(items.map(fn))` with at most `concurrency` calls in flight; results keep item order.
 * Once a call fails no further item starts, and the failure is thrown only after the calls
 * already started have settled: none of their reads lands after the caller caught the error
 * (a read past a budget fails typed, and the transaction may go on).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  concurrency: number = READ_CONCURRENCY,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const work = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const at = next++;
      try {
        results[at] = await fn(items[at]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let k = 0; k < Math.min(concurrency, items.length); k++) workers.push(work());
  await Promise.all(workers);
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
