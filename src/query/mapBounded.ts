import type { GenericDatabaseReader } from 'convex/server';
import { meterOf } from '../limits/meteredDb.js';

/**
 * Convex allows 1,000 concurrent database operations per function; reads per
 * parent row run this many at a time so wide results stay well under it.
 */
const READ_CONCURRENCY = 64;

/**
 * How many reads of `db` a {@link mapBounded} of reads runs at once: {@link READ_CONCURRENCY}, or
 * fewer when the transaction's meter would hold more back (each read a document in flight at a
 * time, a range's one after another), as reads it holds back cost a wait each.
 */
export function readConcurrency(db: GenericDatabaseReader<any>): number {
  return Math.min(READ_CONCURRENCY, meterOf(db)?.readsWithRoom() ?? READ_CONCURRENCY);
}

/** One {@link mapBounded} call: its items, results, the next item to start, and the first failure. */
interface BoundedRun<T, R> {
  readonly items: readonly T[];
  readonly fn: (item: T) => Promise<R>;
  readonly results: R[];
  next: number;
  failure: { readonly error: unknown } | null;
}

/**
 * `Promise.all(items.map(fn))` with at most `concurrency` calls in flight (for reads,
 * {@link readConcurrency}); results keep item order.
 * Once a call fails no further item starts, and the failure is thrown only after the calls
 * already started have settled: none of their reads lands after the caller caught the error
 * (a read past a budget fails typed, and the transaction may go on).
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  concurrency: number,
): Promise<R[]> {
  const run: BoundedRun<T, R> = { items, fn, results: new Array(items.length), next: 0, failure: null };
  const workers: Promise<void>[] = [];
  for (let k = 0; k < Math.min(concurrency, items.length); k++) workers.push(startItems(run));
  await Promise.all(workers);
  if (run.failure) throw run.failure.error;
  return run.results;
}

/** Starts the run's next item as each one it started settles, until none is left or one failed. */
async function startItems<T, R>(run: BoundedRun<T, R>): Promise<void> {
  while (run.failure === null && run.next < run.items.length) {
    const at = run.next++;
    try {
      run.results[at] = await run.fn(run.items[at]!);
    } catch (error) {
      run.failure ??= { error };
    }
  }
}
