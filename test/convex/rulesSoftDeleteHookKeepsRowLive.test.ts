import type { Auth } from 'convex/server';
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
  text,
  timestamp,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';

// A soft delete is an update of the deletion column, and delete() matches its rows by the
// `delete` rule alone ("a delete is not an update to the caller"). An "archive instead of
// delete" beforeUpdate hook can set the column back to null and rewrite the row
// (docs/triggers.md: "what it returns is written, so the row is not deleted"): the statement
// then writes an ordinary update of a live row. docs/rules.md: the rules stage runs after the
// before-triggers, and an update is matched by `update.using` and judged by `update.check`, so
// `delete` must not let a caller rewrite a row that `update` would not let them touch.
// A row the hook leaves soft-deleted stays a delete, judged by `delete` alone; a row a cascade
// reached is a foreign-key action's, which no rule judges, kept live or not.
const notes = convexTable(
  'notes',
  { owner: text().notNull(), title: text().notNull(), deletedAt: timestamp() },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
const comments = convexTable(
  'comments',
  {
    noteId: id('notes')
      .notNull()
      .references(() => notes._id, { onDelete: 'cascade' }),
    owner: text().notNull(),
    title: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
const schema = defineSchema({ notes, comments });
const relations = defineRelations({ notes, comments });

// Moderators (mod) may delete any note; everyone may update only their own, never to "frozen".
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? null;
  const mine = subject ? { owner: subject } : { _id: { in: [] } };
  const owned = {
    read: {},
    insert: mine,
    update: { using: mine, check: { ...mine, title: { ne: 'frozen' } } },
    delete: subject === 'mod' ? {} : mine,
  };
  return { notes: owned, comments: owned };
});
// The app archives a pinned row instead of deleting it, and hands a deleted note titled "handover" to the archivist.
const archivePinned = ({ old, new: next }: { old: { title: string }; new: { deletedAt: number | null } }) =>
  next.deletedAt !== null && old.title === 'pinned' ? { ...next, deletedAt: null, title: 'frozen' } : undefined;
const triggers = defineTriggers(relations, {
  notes: {
    beforeUpdate: (change) =>
      change.new.deletedAt !== null && change.old.title === 'handover'
        ? { ...change.new, owner: 'archivist' }
        : archivePinned(change),
  },
  comments: { beforeUpdate: archivePinned },
});

function backend() {
  const t = convexTest({ schema, modules });
  const orm = createOrm({ relations, rules, triggers, cursorSecret: CURSOR_SECRET });
  const as = <R>(user: string, fn: (db: any) => PromiseLike<R>) =>
    t.withIdentity({ subject: user }).run(async (ctx) => await fn(orm.db(ctx as never)));
  const seed = (owner: string, title = 'pinned') =>
    t.run((ctx) => ctx.db.insert('notes', { owner, title, deletedAt: null }));
  const comment = (noteId: string, owner: string) =>
    t.run((ctx) => ctx.db.insert('comments', { noteId: noteId as never, owner, title: 'pinned', deletedAt: null }));
  /** What a statement did: 'resolved', or the code and rule of its error. */
  const outcome = (user: string, fn: (db: any) => PromiseLike<unknown>) =>
    as(user, (db) =>
      Promise.resolve(fn(db)).then(
        () => 'resolved',
        (e: any) => ({ code: e.code, rule: e.details?.rule ?? null }),
      ),
    );
  const get = (id: string) => t.run(async (ctx) => (await ctx.db.get(id as never)) as Record<string, unknown> | null);
  return { as, outcome, seed, comment, get };
}

describe('a soft delete() whose beforeUpdate hook rewrites its row, under rules', () => {
  it("a moderator's delete() does not rewrite a live row of another user that update.using does not match", async () => {
    const { as, outcome, seed, get } = backend();
    const id = await seed('vic');
    // update() of vic's note by mod matches nothing (update.using): nothing written.
    expect(
      await as('mod', (db) => db.update(notes).set({ title: 'frozen' }).where(eq(notes._id, id)).returning()),
    ).toEqual([]);
    // delete() matches it (delete rule); the hook keeps it live and rewrites it: the same update.
    const result = await outcome('mod', (db) => db.delete(notes).where(eq(notes._id, id)));
    // Observed: 'resolved', and vic's live note is rewritten to 'frozen' by mod.
    expect({ result, row: await get(id) }).toMatchObject({
      result: { code: 'RULE_VIOLATION', rule: 'update.using' },
      row: { owner: 'vic', title: 'pinned', deletedAt: null },
    });
  });

  it("an owner's delete() does not write values update.check refuses onto a row it keeps live", async () => {
    const { as, outcome, seed, get } = backend();
    const id = await seed('ann');
    // ann's own update to 'frozen' fails update.check.
    expect(
      await as('ann', (db) => rejection(db.update(notes).set({ title: 'frozen' }).where(eq(notes._id, id)))),
    ).toMatchObject({
      code: 'RULE_VIOLATION',
      details: { rule: 'update.check' },
    });
    const result = await outcome('ann', (db) => db.delete(notes).where(eq(notes._id, id)));
    // Observed: 'resolved', and the note is stored live with the title update.check refuses.
    expect({ result, row: await get(id) }).toMatchObject({
      result: { code: 'RULE_VIOLATION', rule: 'update.check' },
      row: { owner: 'ann', title: 'pinned', deletedAt: null },
    });
  });

  it('a row the hook leaves soft-deleted is a delete, judged by `delete` alone, whatever else the hook writes', async () => {
    const { as, seed, get } = backend();
    const anns = await seed('ann', 'handover');
    const vics = await seed('vic', 'handover');
    // update.check refuses the archivist's row for ann, and update.using does not match vic's note for mod.
    const deleted = {
      ann: await as('ann', (db) => db.delete(notes).where(eq(notes._id, anns)).returning({ title: notes.title })),
      mod: await as('mod', (db) => db.delete(notes).where(eq(notes._id, vics)).returning({ title: notes.title })),
    };
    expect(deleted).toEqual({ ann: [{ title: 'handover' }], mod: [{ title: 'handover' }] });
    expect([await get(anns), await get(vics)]).toMatchObject([
      { owner: 'archivist', deletedAt: expect.any(Number) },
      { owner: 'archivist', deletedAt: expect.any(Number) },
    ]);
  });

  it('a row a soft cascade reaches is a foreign-key action: its hook keeps it live without the update rules', async () => {
    const { as, seed, comment, get } = backend();
    const note = await seed('ann', 'draft');
    const vics = await comment(note, 'vic');
    // ann may neither match vic's comment (update.using) nor write "frozen" (update.check).
    expect(
      await as('ann', (db) => db.update(comments).set({ title: 'frozen' }).where(eq(comments._id, vics)).returning()),
    ).toEqual([]);
    await as('ann', (db) => db.delete(notes).where(eq(notes._id, note)));
    expect({ note: await get(note), comment: await get(vics) }).toMatchObject({
      note: { deletedAt: expect.any(Number) },
      comment: { owner: 'vic', title: 'frozen', deletedAt: null },
    });
  });
});
