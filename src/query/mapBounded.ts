/**
 * Convex allows 1,000 concurrent database operations per function; reads per
 * parent row run this many at a time so wide results stay well under it.
 */
const READ_CONCURRENCY = 64;

/** `Promise.all(items.map(fn))` with at most `concurrency` calls in flight; results keep item order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  concurrency: number = READ_CONCURRENCY,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += concurrency) {
    results.push(...(await Promise.all(items.slice(start, start + concurrency).map(fn))));
  }
  return results;
}
