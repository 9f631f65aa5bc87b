// A repair rebuilds every aggregate index while the ORM keeps writing (docs/aggregates.md,
// Maintenance): rows written between its backfill batches are counted exactly once, on every
// write path. The rich brute-force fixture's write mix (set null, soft cascades, restores,
// upserts, trigger chains, migration patches in both write modes, transactions) runs between the
// batches (size 2) of a repair of every index; once the rebuild is ready, every served read
// (count, aggregate, groupBy, _count) equals a recount of the stored rows. Seeded.
import { describe, it } from 'vitest';
import { backfillNext } from '../../../src/aggregate/backfill';
import { startRepair } from '../../../src/aggregate/repair';
import { backend, backfillAll, compareWithBruteForce, tables } from './bruteForceFixture';
import { random, step } from './randomWrites';

describe('ORM writes between the batches of an aggregate repair are counted exactly once', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => 501 + i);
  it.each(seeds)(
    'seed %i',
    async (seed) => {
      const rnd = random(seed);
      const { t, run } = backend();
      await backfillAll(t);
      for (let n = 0; n < 25; n++) await run((db, ctx) => step(rnd, db, ctx, n));
      await t.run((ctx) => startRepair(ctx.db as never, tables, {}));
      for (let batch = 0; ; batch++) {
        const { remaining } = await t.run((ctx) => backfillNext(ctx.db as never, tables, 2));
        if (remaining === 0) break;
        const _what = await run((db, ctx) => step(rnd, db, ctx, 1000 + batch));
      }
      for (let n = 0; n < 5; n++) {
        const what = await run((db, ctx) => step(rnd, db, ctx, 2000 + n));
        await run((db, ctx) => compareWithBruteForce(db, ctx, `seed ${seed} after rebuild, ${n}: ${what}`));
      }
    },
    30_000,
  );
});
