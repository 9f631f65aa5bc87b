import { internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  text,
  timestamp,
} from '../../src/index';

const docs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp({ mode: 'string' }) }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const schema = defineSchema({ docs });
const relations = defineRelations({ docs });

// The hard delete of a scheduled table only removes a row whose deletion column still holds the
// time it was scheduled for; giving a soft-deleted row another deletion time schedules a new one.
describe('scheduled delete: a new deletion time for a soft-deleted row', () => {
  it('schedules a hard delete for the new time, which removes the row', async () => {
    const t = convexTest({ schema, modules });
    const scheduled: unknown[] = [];
    const orm = createOrm({ relations, scheduledDelete: 'deletions:scheduledDelete' as never });
    const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
    const out = await t.run(async (ctx) => {
      const scheduler = {
        runAfter: async (_ms: number, _fn: unknown, args: unknown) => {
          scheduled.push(args);
          return 'job' as never;
        },
      };
      const db = orm.db({ ...ctx, scheduler } as never);
      const [row] = await db.insert(docs).values({ name: 'a' }).returning();
      await db.delete(docs).where(eq(docs._id, row!._id));
      await db.update(docs).set({ deletedAt: '2030-01-01T00:00:00.000Z' }).where(eq(docs._id, row!._id));
      // The same time again schedules nothing more.
      await db.update(docs).set({ deletedAt: '2030-01-01T00:00:00.000Z' }).where(eq(docs._id, row!._id));
      const removed: number[] = [];
      const run = (scheduledDelete as unknown as { _handler: (ctx: unknown, args: unknown) => Promise<number> })
        ._handler;
      for (const args of scheduled) removed.push(await run(ctx, args));
      return { jobs: scheduled.length, removed, after: await ctx.db.get(row!._id) };
    });
    expect(out.jobs).toBe(2);
    // The first job's time no longer matches the row; the second one's does.
    expect(out.removed).toEqual([0, 1]);
    expect(out.after).toBeNull();
  });
});
