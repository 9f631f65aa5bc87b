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
  type OrmWriter,
  text,
  timestamp,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

// Items and their notes are soft-deleted (a soft delete renames the unique key, so it can be reused);
// a flag holds its note with `restrict`. Each user sees their own items and notes; nobody sees flags.
const items = convexTable('items', { owner: text().notNull(), slug: text().unique(), deletedAt: timestamp() }, (t) => [
  deletion('soft', { column: t.deletedAt }),
]);
const notes = convexTable(
  'notes',
  {
    itemId: id('items')
      .notNull()
      .references(() => items._id, { onDelete: 'cascade' }),
    author: text().notNull(),
    tag: text().unique(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_item').on(t.itemId), deletion('soft', { column: t.deletedAt })],
);
const flags = convexTable(
  'flags',
  {
    noteId: id('notes')
      .notNull()
      .references(() => notes._id, { onDelete: 'restrict' }),
  },
  (t) => [index('by_note').on(t.noteId)],
);
const schema = defineSchema({ items, notes, flags });
const relations = defineRelations({ items, notes, flags });
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? '';
  return {
    items: { read: { owner: subject } },
    notes: { read: { author: subject } },
    flags: { read: { _id: { in: [] } } },
  };
});
const renamed = <R extends { slug?: string | null; tag?: string | null; deletedAt: number | null }>(
  old: R,
  next: R,
  key: 'slug' | 'tag',
): R =>
  old.deletedAt === null && next.deletedAt !== null && next[key] ? { ...next, [key]: `${next[key]}-deleted` } : next;
const triggers = defineTriggers(relations, {
  items: { beforeUpdate: ({ old, new: next }) => renamed(old, next, 'slug') },
  // A buggy hook: a "leak…" tag becomes the deletion time, which is no timestamp.
  notes: {
    beforeUpdate: ({ old, new: next }) =>
      next.tag?.startsWith('leak') ? { ...next, deletedAt: next.tag as never } : renamed(old, next, 'tag'),
  },
});
type Db = OrmWriter<typeof relations>;
const orm = createOrm({ relations, rules, triggers, cursorSecret: CURSOR_SECRET });

/** Mal's item holds Vic's note (hidden from Mal), which a hidden flag holds; Vic's item and notes hold the renamed keys. */
async function world() {
  const t = convexTest({ schema, modules });
  const ids = await t.run(async (ctx: GenericMutationCtx<any>) => {
    const malItem = await ctx.db.insert('items', { owner: 'mal', slug: 'x', deletedAt: null });
    const vicItem = await ctx.db.insert('items', { owner: 'vic', slug: 'x-deleted', deletedAt: null });
    const vicNote = await ctx.db.insert('notes', { itemId: malItem, author: 'vic', tag: 'secret', deletedAt: null });
    await ctx.db.insert('notes', { itemId: vicItem, author: 'vic', tag: 'secret-deleted', deletedAt: null });
    const flag = await ctx.db.insert('flags', { noteId: vicNote });
    return { malItem, vicItem, vicNote, flag };
  });
  /** The same statement as Mal (rules on) and through the bypass (rules off). */
  const both = async (statement: (db: Db) => PromiseLike<unknown>) => ({
    ruled: await t.withIdentity({ subject: 'mal' }).run((ctx) => rejection(statement(orm.db(ctx as never)))),
    bypass: await t.run((ctx) => rejection(statement(orm.db(ctx as never, { rules: false })))),
  });
  return { t, ids, both };
}

describe('rules: errors of a statement never echo a row the caller may not read', () => {
  it('a restrict on a row a hard delete cascades to names neither the cascaded row nor its holder', async () => {
    const { ids, both } = await world();
    const { ruled, bypass } = await both((db) => db.delete(items).hard().where(eq(items._id, ids.malItem)));
    expect(ruled).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'notes' });
    expect(ruled.message).toContain('Cannot delete a "notes" row: a "flags" row still references it');
    for (const hidden of [ids.vicNote, ids.flag]) expect(ruled.message).not.toContain(hidden);
    // Without rules the ids stay, for debugging.
    expect(bypass.message).toContain(`Cannot delete "notes" row ${ids.vicNote}: "flags" row ${ids.flag}`);
  });

  it("a soft delete's unique conflict (a hook renames the key) names neither the stored row nor a cascaded row's values", async () => {
    const { t, ids, both } = await world();
    // Mal's own item: its renamed slug collides with Vic's hidden item.
    const own = await both((db) => db.delete(items).where(eq(items._id, ids.malItem)));
    expect(own.ruled).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'items' });
    expect(own.ruled.message).toContain('Duplicate (slug) in "items"');
    expect(own.ruled.message).toContain('conflicts with a row already stored');
    expect(own.ruled.message).not.toContain(ids.vicItem);
    expect(own.bypass.message).toContain(`row ${ids.vicItem} already stored`);
    // Once the slug is free, the soft cascade reaches Vic's note, whose renamed tag collides: its values stay hidden.
    await t.run((ctx) => ctx.db.patch(ids.vicItem, { slug: 'y' }));
    const cascaded = await both((db) => db.delete(items).where(eq(items._id, ids.malItem)));
    expect(cascaded.ruled).toMatchObject({ code: 'UNIQUE_VIOLATION', table: 'notes' });
    expect(cascaded.ruled.message).not.toContain('secret');
    expect(cascaded.bypass.message).toContain('Duplicate tag = "secret-deleted" in "notes"');
  });

  it("a hook's invalid value on a row a cascade reached is not echoed", async () => {
    const { t, ids, both } = await world();
    await t.run(async (ctx) => {
      await ctx.db.patch(ids.vicItem, { slug: 'y' });
      await ctx.db.patch(ids.vicNote, { tag: 'leak-secret' });
    });
    const { ruled, bypass } = await both((db) => db.delete(items).where(eq(items._id, ids.malItem)));
    expect(ruled).toMatchObject({ code: 'VALIDATION', table: 'notes', details: { column: 'deletedAt' } });
    expect(ruled.message).not.toContain('leak-secret');
    expect(bypass.message).toContain('leak-secret');
  });

  it('a foreign-key existence error under rules does not echo the values written', async () => {
    const { ids, both, t } = await world();
    await t.run((ctx) => ctx.db.delete(ids.flag));
    await t.run((ctx) => ctx.db.delete(ids.vicNote));
    const { ruled, bypass } = await both((db) => db.insert(flags).values({ noteId: ids.vicNote }));
    expect(ruled).toMatchObject({ code: 'FOREIGN_KEY_VIOLATION', table: 'flags' });
    expect(ruled.message).not.toContain(ids.vicNote);
    expect(bypass.message).toContain(ids.vicNote);
  });
});
