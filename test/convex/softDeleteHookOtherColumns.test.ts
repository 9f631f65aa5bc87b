// docs/rules.md "Soft delete": "delete() matches
// rows passing read and delete, and sets their deletion column without update.check judging the new
// rows ..., also when a beforeUpdate hook writes other columns with it (a deletedBy stamp, another
// owner): a row still soft-deleted is judged by delete alone." Here update.check refuses every row
// (owner 'nobody'), the hook stamps deletedBy and hands the row to another owner: the delete succeeds.
// And a caller whose delete rule does not match the row deletes nothing.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  text,
  timestamp,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

const notes = convexTable('notes', { owner: text().notNull(), deletedBy: text(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const tables = { notes };
const relations = defineRelations(tables, () => ({}));
const rules = defineRules(relations, (ctx: { me?: string }) => ({
  notes: {
    read: { owner: ctx.me ?? '' },
    update: { using: { owner: ctx.me ?? '' }, check: { owner: 'nobody' } },
    delete: { owner: ctx.me ?? '' },
  },
}));
const triggers = defineTriggers(relations, {
  notes: {
    beforeUpdate: ({ new: next }) =>
      next.deletedAt !== null ? { ...next, deletedBy: 'stamp', owner: 'archive' } : next,
  },
});
const orm = createOrm({ relations, rules, triggers, cursorSecret: CURSOR_SECRET });

it('a delete() whose beforeUpdate hook writes other columns is judged by delete alone', async () => {
  const t = convexTest(defineSchema(tables), modules);
  const out = await t.run(async (ctx) => {
    const id = await ctx.db.insert('notes', { owner: 'vic', deletedBy: null, deletedAt: null });
    const byMal = await orm
      .db({ ...ctx, me: 'mal' } as never)
      .delete(notes)
      .where(eq(notes._id, id))
      .returning();
    const afterMal = await ctx.db.get(id);
    await orm
      .db({ ...ctx, me: 'vic' } as never)
      .delete(notes)
      .where(eq(notes._id, id));
    const afterVic = await ctx.db.get(id);
    return {
      byMal: byMal.length,
      malKept: afterMal?.deletedAt === null,
      afterVic: { ...afterVic, _id: 0, _creationTime: 0 },
    };
  });
  expect(out).toEqual({
    byMal: 0,
    malKept: true,
    afterVic: { _id: 0, _creationTime: 0, owner: 'archive', deletedBy: 'stamp', deletedAt: expect.any(Number) },
  });
});
