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
import { recordingScheduler } from './scheduledJobs';

// A scheduled hard delete whose job runs after a deploy made its table deletion('soft'): the job
// checked only that the table had some deletion(), and hard-deleted the row the table now keeps.
// Now a job (drain or not) of a table that no longer scheduled-deletes ends with 0, the row left
// soft-deleted. A table whose deletion() was taken off: test/convex/scheduledDeleteDrain.test.ts.

// One table as two deploys define it: first with a scheduled hard delete, then (the app now keeps
// what users delete, e.g. for an audit or an undo bin) with a soft delete only.
const scheduledDocs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const softDocs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);

type Handler = { _handler: (ctx: unknown, args: unknown) => Promise<number> };

describe('a scheduled hard delete that runs after a deploy made its table soft-delete only', () => {
  it.each([
    ['its job', {}],
    ['a drain job', { drain: [{ table: 'docs', batch: 1024 }] }],
  ])("%s does not hard-delete a row of a table that is now deletion('soft')", async (_, extra) => {
    const t = convexTest({ schema: defineSchema({ docs: scheduledDocs }), modules });
    const before = createOrm({
      relations: defineRelations({ docs: scheduledDocs }),
      scheduledDelete: 'deletions:scheduledDelete' as never,
    });
    const beforeFunctions = defineDeletionFunctions({ orm: before, internalMutation: internalMutationGeneric });
    const { scheduler, scheduled } = recordingScheduler(beforeFunctions.scheduledDelete);
    const id = await t.run(async (ctx) => {
      const db = before.db({ ...ctx, scheduler } as never);
      const [row] = await db.insert(scheduledDocs).values({ name: 'keep me' }).returning();
      await db.delete(scheduledDocs).where(eq(scheduledDocs._id, row!._id));
      return row!._id;
    });
    expect(scheduled).toHaveLength(1);

    // The deploy lands before the job runs: the job runs the new code, whose table soft-deletes only.
    const after = createOrm({ relations: defineRelations({ docs: softDocs }) });
    const { scheduledDelete } = defineDeletionFunctions({
      orm: after,
      internalMutation: internalMutationGeneric,
      self: { scheduledDelete: 'deletions:scheduledDelete' as never },
    });
    const args = scheduled[0] as { ids: string[] };
    const drain = 'drain' in extra ? { drain: extra.drain.map((step) => ({ ...step, id: args.ids[0] })) } : {};
    const out = await t.run(async (ctx) => {
      let outcome: string;
      try {
        outcome = `removed ${await (scheduledDelete as unknown as Handler)._handler(ctx, { ...args, ...drain })}`;
      } catch (error) {
        outcome = `failed ${(error as { code?: string }).code}`;
      }
      return { outcome, row: await ctx.db.get(id) };
    });
    expect(out.row).toMatchObject({ name: 'keep me' });
    expect(out.row?.deletedAt).not.toBeNull();
    expect(out.outcome).toBe('removed 0');
  });
});
