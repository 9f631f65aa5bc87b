import type { Auth, GenericMutationCtx } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
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
  id,
  index,
  integer,
  text,
  timestamp,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

// Mal's item holds Vic's note, which Mal may not read. Deleting the item soft-cascades to the note,
// whose (buggy) beforeUpdate hook returns the note's summary instead of an object when it has one.
const items = convexTable('items', { owner: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const notes = convexTable(
  'notes',
  {
    itemId: id('items')
      .notNull()
      .references(() => items._id, { onDelete: 'cascade' }),
    author: text().notNull(),
    summary: text(),
    pin: integer(),
    remindAt: timestamp({ mode: 'string' }),
    deletedAt: timestamp(),
  },
  (t) => [index('by_item').on(t.itemId), deletion('soft', { column: t.deletedAt })],
);
const schema = defineSchema({ items, notes });
const relations = defineRelations({ items, notes });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return { items: { read: { owner: subject } }, notes: { read: { author: subject } } };
});
const triggers = defineTriggers(relations, {
  // Meant as "fill the summary when missing": `summary || { ... }` returns the summary string when there is one.
  // The second note's hook (a bug) copies a number into a string-mode timestamp column.
  notes: {
    beforeUpdate: ({ new: next }) =>
      (next.pin !== null ? { remindAt: next.pin } : next.summary || { summary: 'none' }) as never,
  },
});
const orm = createOrm({ relations, rules, triggers, cursorSecret: CURSOR_SECRET });

/** Mal soft-deletes his item holding Vic's note (fields `note`), which Mal may not read: the error. */
async function malDeletesHisItem(note: Record<string, unknown>) {
  const t = convexTest({ schema, modules });
  const malItem = await t.run(async (ctx: GenericMutationCtx<any>) => {
    const item = await ctx.db.insert('items', { owner: 'mal', deletedAt: null });
    await ctx.db.insert('notes', { itemId: item, author: 'vic', deletedAt: null, ...note });
    return item;
  });
  return t.withIdentity({ subject: 'mal' }).run((ctx) =>
    rejection(
      orm
        .db(ctx as never)
        .delete(items)
        .where(eq(items._id, malItem)),
    ),
  );
}

describe('a before-hook result is not echoed under rules', () => {
  it("a beforeUpdate hook's non-object result on a row a cascade reached is not echoed", async () => {
    const error = await malDeletesHisItem({ summary: 'vic-salary-250k' });
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'notes' });
    expect(error.message).not.toContain('vic-salary-250k');
  });

  it("a hook's number for a string-mode timestamp on a row a cascade reached is not echoed", async () => {
    const error = await malDeletesHisItem({ pin: 48213977 });
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'notes' });
    // docs/rules.md: an invalid value a hook made is "Invalid value for ... (not shown under rules)".
    expect(error.message).not.toContain('48213977');
  });
});
