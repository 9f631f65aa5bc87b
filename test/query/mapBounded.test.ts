import { describe, expect, it } from 'vitest';
import { mapBounded } from '../../src/query/mapBounded';

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
});
