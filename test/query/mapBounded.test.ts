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
