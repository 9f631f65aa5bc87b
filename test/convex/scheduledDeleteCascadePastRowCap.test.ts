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
  id,
  inArray,
  index,
  text,
  timestamp,
} from '../../src/index';
import { recordingScheduler } from './scheduledJobs';

// A scheduled table whose rows have children in a table without deletion(): the soft delete writes
// only the parents (the children stay, their parent still exists), but the hard delete it schedules
// removes the children too. The soft delete is accepted within the row cap; the hard delete the ORM
// scheduled for it is one statement over every row and all their children, so past the row cap it
// throws ROW_CAP_EXCEEDED every time: the rows stay soft-deleted forever and nothing tells the caller
// (Convex does not retry a scheduled mutation that threw). deletion('scheduled') promises the rows are
// "hard-deleted (with their cascades) delayMs later, unless they were restored" (src/schema/deletion.ts),
// and DESIGN section 11 gives the function `self` (internal.deletions) to go on in another transaction.
const docs = convexTable('docs', { name: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const notes = convexTable(
  'notes',
  {
    docId: id('docs')
      .notNull()
      .references(() => docs._id, { onDelete: 'cascade' }),
    body: text().notNull(),
  },
  (t) => [index('by_doc').on(t.docId)],
);
const schema = defineSchema({ docs, notes });
const relations = defineRelations({ docs, notes });

describe('scheduled hard delete of rows whose cascade passes the row cap', () => {
  it('removes every row the accepted soft delete scheduled, with their children', async () => {
    const t = convexTest({ schema, modules });
    const orm = createOrm({ relations, rowCap: 5, scheduledDelete: 'deletions:scheduledDelete' as never });
    const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
    const { scheduler, scheduled, runAll } = recordingScheduler(scheduledDelete);
    await t.run(async (ctx) => {
      const db = orm.db({ ...ctx, scheduler } as never);
      const rows = await db
        .insert(docs)
        .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
        .returning({ _id: docs._id });
      for (const { _id } of rows) await db.insert(notes).values([0, 1].map((i) => ({ docId: _id, body: `n${i}` })));
      // 3 rows written: within the row cap of 5.
      await db.delete(docs).where(
        inArray(
          docs._id,
          rows.map((row) => row._id),
        ),
      );
    });
    expect(scheduled).toHaveLength(1);
    // The hard delete runs later, as Convex runs it; drain whatever it schedules in turn.
    const outcome = await t.run(async (ctx) => {
      const errors: string[] = [];
      for (let round = 0; round < 10 && scheduled.length > 0; round++) {
        try {
          await runAll(ctx);
        } catch (error) {
          errors.push((error as { code?: string }).code ?? String(error));
        }
      }
      return {
        errors,
        docs: (await ctx.db.query('docs').collect()).length,
        notes: (await ctx.db.query('notes').collect()).length,
      };
    });
    expect(outcome).toEqual({ errors: [], docs: 0, notes: 0 });
  });
});
