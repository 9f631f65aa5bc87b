import type { Auth, GenericMutationCtx } from 'convex/server';
import { internalMutationGeneric } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineDeletionFunctions,
  defineRelations,
  defineRules,
  defineSchema,
  defineTriggers,
  deletion,
  eq,
  id,
  type OrmWriter,
  text,
  timestamp,
} from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';
import { recordingScheduler } from './scheduledJobs';

// Docs are deleted on a schedule (the hard delete runs later, without rules, and cascades to parts);
// notes are soft-deleted. A "locked" row may be edited by its owner but not deleted.
const docs = convexTable('docs', { owner: text().notNull(), title: text().notNull(), deletedAt: timestamp() }, (t) => [
  deletion('scheduled', { column: t.deletedAt, delayMs: 1000 }),
]);
const parts = convexTable('parts', {
  docId: id('docs')
    .notNull()
    .references(() => docs._id, { onDelete: 'cascade' }),
});
const notes = convexTable(
  'notes',
  { owner: text().notNull(), key: text().notNull().unique(), title: text().notNull(), deletedAt: timestamp() },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
const schema = defineSchema({ docs, parts, notes });
const relations = defineRelations({ docs, parts, notes });

const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const subject = (await ctx.auth.getUserIdentity())?.subject ?? null;
  const mine = subject ? { owner: subject } : { _id: { in: [] } };
  const deletable = { ...mine, title: { ne: 'locked' } };
  return {
    docs: { read: mine, insert: mine, update: mine, delete: deletable },
    parts: {},
    // update.check refuses "frozen" titles: a delete() (judged by `delete` only) still soft-deletes such a note.
    notes: {
      read: mine,
      insert: mine,
      update: { using: mine, check: { ...mine, title: { ne: 'frozen' } } },
      delete: deletable,
    },
  };
});
// A before-hook that soft-deletes a note retitled "trash" (an app's own soft delete).
const triggers = defineTriggers(relations, {
  notes: { beforeUpdate: ({ new: next }) => (next.title === 'trash' ? { ...next, deletedAt: 1 } : next) },
});

type Db = OrmWriter<typeof relations>;

function backend() {
  const t = convexTest({ schema, modules });
  const orm = createOrm({
    relations,
    rules,
    triggers,
    cursorSecret: CURSOR_SECRET,
    scheduledDelete: 'deletions:scheduledDelete' as never,
  });
  const { scheduledDelete } = defineDeletionFunctions({ orm, internalMutation: internalMutationGeneric });
  const { scheduler, scheduled, runAll } = recordingScheduler(scheduledDelete);
  const as = <R>(user: string, fn: (db: Db) => PromiseLike<R>) =>
    t.withIdentity({ subject: user }).run(async (ctx) => await fn(orm.db({ ...ctx, scheduler } as never)));
  /** Runs the scheduled hard deletes as Convex would: later, with no identity. */
  const runScheduled = () => t.run((ctx) => runAll(ctx));
  const seed = () =>
    t.run(async (ctx: GenericMutationCtx<any>) => {
      const doc = await ctx.db.insert('docs', { owner: 'ann', title: 'locked', deletedAt: null });
      const open = await ctx.db.insert('docs', { owner: 'ann', title: 'draft', deletedAt: null });
      const part = await ctx.db.insert('parts', { docId: doc });
      // Archived: soft-deleted without a hard delete scheduled (raw writes schedule nothing).
      const archived = await ctx.db.insert('docs', { owner: 'ann', title: 'locked', deletedAt: 7 });
      const note = await ctx.db.insert('notes', { owner: 'ann', key: 'n1', title: 'locked', deletedAt: null });
      const frozen = await ctx.db.insert('notes', { owner: 'ann', key: 'n2', title: 'frozen', deletedAt: null });
      const deleted = await ctx.db.insert('notes', { owner: 'ann', key: 'n3', title: 'locked', deletedAt: 7 });
      return { doc, open, part, archived, note, frozen, deleted };
    });
  const get = (rowId: string) => t.run((ctx) => ctx.db.get(rowId as never)) as Promise<Record<string, unknown> | null>;
  return { as, scheduled, runScheduled, seed, get };
}

describe('rules: a soft delete by update is judged by the delete rule', () => {
  it('update().set({ deletedAt }) of a row the caller may update but not delete is RULE_VIOLATION: nothing written, no hard delete scheduled', async () => {
    const { as, scheduled, runScheduled, seed, get } = backend();
    const ids = await seed();
    // delete() matches nothing (the delete rule), so update() must not delete either.
    expect(await as('ann', (db) => db.delete(docs).where(eq(docs._id, ids.doc)).returning())).toEqual([]);
    const error = await as('ann', (db) =>
      rejection(db.update(docs).set({ deletedAt: Date.now() }).where(eq(docs._id, ids.doc))),
    );
    expect(error).toMatchObject({ code: 'RULE_VIOLATION', table: 'docs', details: { rule: 'delete' } });
    expect(error.message).toContain('"delete" rule of "docs"');
    await runScheduled();
    expect({
      scheduled: scheduled.length,
      doc: (await get(ids.doc))?.deletedAt,
      part: (await get(ids.part)) !== null,
    }).toEqual({
      scheduled: 0,
      doc: null,
      part: true,
    });
    // Giving a soft-deleted row another time would schedule its hard delete: judged by delete too.
    const retimed = await as('ann', (db) =>
      rejection(db.update(docs).set({ deletedAt: Date.now() }).where(eq(docs._id, ids.archived))),
    );
    expect(retimed).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'delete' } });
    expect({ scheduled: scheduled.length, archived: (await get(ids.archived))?.deletedAt }).toEqual({
      scheduled: 0,
      archived: 7,
    });
    // A row the delete rule allows: the same update soft-deletes it and schedules its hard delete.
    await as('ann', (db) => db.update(docs).set({ deletedAt: Date.now() }).where(eq(docs._id, ids.open)));
    expect(scheduled).toHaveLength(1);
    await runScheduled();
    expect(await get(ids.open)).toBeNull();
  });

  it('set((row) => ...), an upsert set and a before-hook that set the column are judged the same way', async () => {
    const { as, seed, get } = backend();
    const ids = await seed();
    const byFunction = await as('ann', (db) =>
      rejection(
        db
          .update(notes)
          .set(() => ({ deletedAt: 5 }))
          .where(eq(notes._id, ids.note)),
      ),
    );
    const byUpsert = await as('ann', (db) =>
      rejection(
        db
          .insert(notes)
          .values({ owner: 'ann', key: 'n1', title: 'locked' })
          .onConflictDoUpdate({ target: notes.key, set: { deletedAt: 5 } }),
      ),
    );
    const byHook = await as('ann', (db) =>
      rejection(db.update(notes).set({ title: 'trash' }).where(eq(notes._id, ids.note))),
    );
    for (const error of [byFunction, byUpsert, byHook]) {
      expect(error).toMatchObject({ code: 'RULE_VIOLATION', table: 'notes', details: { rule: 'delete' } });
    }
    expect(await get(ids.note)).toMatchObject({ title: 'locked', deletedAt: null });
  });

  it('delete() is judged by delete, not update.check; restoring (the column back to null) is an update, judged by update', async () => {
    const { as, seed, get } = backend();
    const ids = await seed();
    // The frozen note fails update.check, yet its owner may delete it.
    await as('ann', (db) => db.delete(notes).where(eq(notes._id, ids.frozen)));
    expect((await get(ids.frozen))?.deletedAt).toEqual(expect.any(Number));
    // A restore passes neither through delete nor insert: update.using matches it, update.check judges it.
    expect(
      await rejection(as('ann', (db) => db.update(notes).set({ deletedAt: null }).where(eq(notes._id, ids.frozen)))),
    ).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'update.check' } });
    await as('ann', (db) =>
      db.update(notes).set({ deletedAt: null, title: 'thawed' }).where(eq(notes._id, ids.frozen)),
    );
    expect(await get(ids.frozen)).toMatchObject({ title: 'thawed', deletedAt: null });
    // Restoring a row its owner may not delete is not judged by delete.
    await as('ann', (db) => db.update(notes).set({ deletedAt: null }).where(eq(notes._id, ids.deleted)));
    expect((await get(ids.deleted))?.deletedAt).toBeNull();
    // Someone else's soft-deleted row is not matched (update.using), so it stays deleted.
    const bobs = await as('bob', (db) =>
      db.update(notes).set({ deletedAt: null }).where(eq(notes._id, ids.frozen)).returning(),
    );
    expect(bobs).toEqual([]);
  });
});
