import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSACTION_BUDGET } from '../../src/limits/convexLimits';
import { meteredDb } from '../../src/limits/meteredDb';
import { TransactionMeter } from '../../src/limits/transactionMeter';
import { mapBounded, readConcurrency } from '../../src/query/mapBounded';

describe('mapBounded', () => {
  it('keeps item order and never runs more than the bound at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapBounded(
      [5, 1, 4, 2, 3],
      async (n) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, n));
        running--;
        return n * 10;
      },
      2,
    );
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe('mapBounded after a failure', () => {
  it('starts no further item, and rejects only once the items already started have settled', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const outcome = mapBounded(
      [1, 2, 3, 4, 5, 6],
      async (n) => {
        started.push(n);
        await new Promise((resolve) => setTimeout(resolve, n === 1 ? 1 : 20));
        settled.push(n);
        if (n === 1) throw new Error('item 1 failed');
        return n;
      },
      3,
    ).catch((error: Error) => ({ error: error.message, settledAtCatch: [...settled] }));
    expect(await outcome).toEqual({ error: 'item 1 failed', settledAtCatch: [1, 2, 3] });
    expect(started).toEqual([1, 2, 3]);
  });

  it('runs as many reads at once as the meter lets start without holding one back, at most 64', async () => {
    const raw = { get: async () => null, query: () => ({}), normalizeId: () => null, system: {} } as never;
    expect(readConcurrency(raw)).toBe(64);
    expect(readConcurrency(meteredDb(raw, new TransactionMeter(null)))).toBe(64);
    // Convex's 16 MiB of reads: 16 documents of up to 1 MiB each may be in flight.
    expect(readConcurrency(meteredDb(raw, new TransactionMeter(DEFAULT_TRANSACTION_BUDGET)))).toBe(16);
  });
});
