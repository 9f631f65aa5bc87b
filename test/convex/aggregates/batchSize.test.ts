import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { internal } from '../../../example/convex/_generated/api';
import schema from '../../../example/convex/schema';
import { modules } from '../../../example/convex/test.setup';
import { backfillNext } from '../../../src/aggregate/backfill';
import { backend, posts, tables, twoAuthors } from './fixture';

describe('backfillAggregates batch sizes', () => {
  for (const batchSize of [0, 0.5, -1]) {
    it(`batchSize ${batchSize} is rejected, never a batch that does nothing forever`, async () => {
      const { t, run } = backend();
      await run(async (db) => {
        const [a] = await twoAuthors(db);
        await db.insert(posts).values([{ title: 'x', authorId: a!._id, status: 'draft' }]);
      });
      const outcome = await t.run(async (ctx) => {
        try {
          const steps = [];
          for (let i = 0; i < 12; i++) steps.push(await backfillNext(ctx.db as never, tables, batchSize));
          return steps.map((s) => `${s.batch?.index}:${s.batch?.status}:${s.batch?.processed}`);
        } catch (e) {
          return `threw: ${(e as Error).message}`;
        }
      });
      expect(outcome).toBe(
        `threw: Backfill of aggregate index "posts_by_author" on "posts": batchSize must be a positive integer, got ${batchSize}.`,
      );
    });
  }

  it("the deployment's backfillAggregates function rejects a batch size that is not a positive integer", async () => {
    const t = convexTest(schema, modules);
    for (const batchSize of [0, 2.5]) {
      await expect(t.mutation(internal.migrations.backfillAggregates, { batchSize })).rejects.toThrow(
        `backfillAggregates: batchSize must be an integer from 1 to 16000, got ${batchSize}.`,
      );
    }
  });
});
