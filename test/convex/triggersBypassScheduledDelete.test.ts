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
  defineTriggers,
  deletion,
  eq,
  text,
  timestamp,
} from '../../src/index';
import { recordingScheduler } from './scheduledJobs';

// docs/triggers.md (They do not fire for): `orm.db(ctx, { triggers: false })` fires no hook, but a
// soft delete it makes on a `deletion('scheduled')` table still schedules the hard delete, and that
// job (no caller, no bypass) fires the delete hooks when it runs; `.hard()` under the bypass
// deletes at once, without them.
const notes = convexTable('notes', { body: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const relations = defineRelations({ notes });

describe('the triggers bypass and a scheduled hard delete', () => {
  it('the soft delete fires nothing; its job fires afterDelete; hard() under the bypass fires nothing', async () => {
    const fired: string[] = [];
    const orm = createOrm({
      relations,
      scheduledDelete: 'deletions:scheduledDelete' as never,
      triggers: defineTriggers(relations, {
        notes: {
          afterUpdate: ({ old }) => void fired.push(`update ${old.body}`),
          afterDelete: ({ old }) => void fired.push(`delete ${old.body}`),
        },
      }),
    });
    const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
    const jobs = recordingScheduler(scheduledDelete);
    const t = convexTest(defineSchema({ notes }), modules);
    const out = await t.run(async (ctx) => {
      const bypass = orm.db({ ...ctx, scheduler: jobs.scheduler } as never, { triggers: false });
      const a = await ctx.db.insert('notes', { body: 'a' });
      const b = await ctx.db.insert('notes', { body: 'b' });
      await bypass.delete(notes).where(eq(notes._id, a));
      const afterSoftDelete = [...fired];
      const removed = await jobs.runAll(ctx);
      await bypass.delete(notes).hard().where(eq(notes._id, b));
      return { afterSoftDelete, removed, left: await ctx.db.query('notes').collect() };
    });
    expect(out.afterSoftDelete).toEqual([]);
    expect(out.removed).toEqual([1]);
    expect(fired).toEqual(['delete a']);
    expect(out.left).toEqual([]);
  });
});
