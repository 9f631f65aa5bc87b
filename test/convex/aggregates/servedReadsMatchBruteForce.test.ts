import { describe, expect, it } from 'vitest';
import { backend, backfillAll, compareWithBruteForce } from './bruteForceFixture';
import { random, step } from './randomWrites';

describe('aggregate reads served by aggregate indexes equal a brute-force recount', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => 101 + i);
  it.each(seeds)(
    'seed %i: after each random write, count / aggregate / groupBy / _count (all served) equal the raw rows',
    async (seed) => {
      const rnd = random(seed);
      const { t, run } = backend();
      await backfillAll(t);
      let rowsSeen = 0;
      for (let n = 0; n < 60; n++) {
        const what = await run((db, ctx) => step(rnd, db, ctx, n));
        rowsSeen += await run(async (db, ctx) => {
          await compareWithBruteForce(db, ctx, `seed ${seed}, step ${n}: ${what}`);
          return (await ctx.db.query('items').collect()).length;
        });
      }
      expect(rowsSeen).toBeGreaterThan(0);
    },
    20_000,
  );
});
