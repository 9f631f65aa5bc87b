import { describe, expect, it } from 'vitest';
import { filterRows } from '../../src/query/filterRows';

/** An async source of `items` that records how far it was read and whether it was closed. */
function source(items: number[]) {
  const log = { pulled: 0, closed: false };
  const iterable: AsyncIterable<number> = {
    [Symbol.asyncIterator]: () => ({
      next: async () =>
        log.pulled < items.length ? { done: false, value: items[log.pulled++]! } : { done: true, value: undefined },
      return: async () => {
        log.closed = true;
        return { done: true, value: undefined };
      },
    }),
  };
  return { iterable, log };
}

async function collect<T>(rows: AsyncIterable<T>, stopAfter = Infinity): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) {
    out.push(row);
    if (out.length >= stopAfter) break;
  }
  return out;
}

describe('filterRows', () => {
  it('keeps the rows a synchronous or asynchronous test passes, in order', async () => {
    const { iterable } = source([1, 2, 3, 4, 5, 6]);
    expect(await collect(filterRows(iterable, (n) => (n % 3 === 0 ? Promise.resolve(true) : n % 2 === 0)))).toEqual([
      2, 3, 4, 6,
    ]);
  });

  it('is lazy: reads nothing before the first row is asked for, and no further than the consumer takes', async () => {
    const { iterable, log } = source([1, 2, 3, 4, 5]);
    const rows = filterRows(iterable, (n) => n > 1);
    expect(log.pulled).toBe(0);
    expect(await collect(rows, 2)).toEqual([2, 3]);
    expect(log).toEqual({ pulled: 3, closed: true });
  });

  it('a test that throws (or rejects) closes the source and rejects with its error', async () => {
    for (const fail of [
      () => {
        throw new Error('budget');
      },
      () => Promise.reject(new Error('budget')),
    ]) {
      const { iterable, log } = source([1, 2, 3]);
      const rows = filterRows(iterable, (n) => (n === 2 ? fail() : true));
      await expect(collect(rows)).rejects.toThrow('budget');
      expect(log).toEqual({ pulled: 2, closed: true });
    }
  });
});
