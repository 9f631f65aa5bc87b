// The scan budget holds reads in flight back: each read reserves one document of what is left
// before it starts, so reads running at once (relation loads) never read past the budget together
// (they did: 15 documents past it with 40 loads in flight, test/convex/explain/scanBudgetConcurrentLoads.test.ts).
import { describe, expect, it } from 'vitest';
import { ReadBudget, readEach } from '../../src/query/budget';
import { filterRows } from '../../src/query/filterRows';
import type { Doc } from '../../src/query/readIndex';

/** What the sources of one test logged: reads started, documents handed over, reads in flight (and the most at once). */
interface ReadLog {
  started: number;
  documents: number;
  inFlight: number;
  most: number;
}

/** A source of `count` documents, its reads logged in `log`. */
function rows(count: number, log: ReadLog): AsyncIterable<Doc> {
  return {
    [Symbol.asyncIterator]() {
      let at = 0;
      return {
        async next() {
          log.started++;
          log.most = Math.max(log.most, ++log.inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          log.inFlight--;
          if (at === count) return { done: true, value: undefined };
          log.documents++;
          return { done: false, value: { n: at++ } };
        },
      };
    },
  };
}

const pass = () => true;
const exceeded = () => new Error('past the budget');

/** Reads every row of `docs` under `budget`: the fill loop's way, or an iterator's (filterRows). */
type Reader = (budget: ReadBudget, docs: AsyncIterable<Doc>) => Promise<unknown>;
const readers: [string, Reader][] = [
  ['readEach', (budget, docs) => readEach(budget, docs, exceeded, pass, pass, pass)],
  [
    'filterRows',
    async (budget, docs) => {
      for await (const _ of filterRows(docs, pass, budget, exceeded));
    },
  ],
];

/** `loads` reads of `perLoad` documents each, all at once, under a budget of `limit`. */
async function concurrentLoads(read: Reader, limit: number, loads: number, perLoad: number) {
  const budget = new ReadBudget(limit);
  const log: ReadLog = { started: 0, documents: 0, inFlight: 0, most: 0 };
  const results = await Promise.allSettled(Array.from({ length: loads }, () => read(budget, rows(perLoad, log))));
  return { budget, log, read: log.documents, failed: results.filter((r) => r.status === 'rejected').length };
}

describe.each(readers)('ReadBudget: reads reserved before they start (%s)', (_, reader) => {
  it('reads running at once read at most the budget, and one more that finds it spent', async () => {
    const { read, failed, log } = await concurrentLoads(reader, 40, 40, 3);
    expect({ read, failed }).toEqual({ read: 41, failed: 40 });
    // The reads held back when it ran out never started.
    expect(log.started).toBe(41);
  });

  it('reads that fit the budget all run, at once while they fit, and a range that ends gives its reservation back', async () => {
    const { read, failed, budget, log } = await concurrentLoads(reader, 200, 40, 3);
    expect({ read, failed, left: budget.left() }).toEqual({ read: 120, failed: 0, left: 80 });
    expect(log.most).toBe(40);
  });

  it('a budget that fits exactly: the last read of each range finds no document, and nothing throws', async () => {
    const { read, failed, budget } = await concurrentLoads(reader, 120, 40, 3);
    expect({ read, failed, left: budget.left() }).toEqual({ read: 120, failed: 0, left: 0 });
  });
});

describe('ReadBudget', () => {
  it('settle gives back a read that failed, so the reads held back go on', async () => {
    const budget = new ReadBudget(1);
    expect(budget.reserve()).toBe(true);
    const held = budget.reserve();
    expect(held).toBeInstanceOf(Promise);
    budget.settle(false);
    await held;
    expect(budget.reserve()).toBe(true);
    expect(budget.settle(true)).toBe(true);
    expect(budget.left()).toBe(0);
  });
});
