/**
 * On a self-referencing table (threaded comments, `parentId -> comments._id`) an update that writes
 * the foreign-key column with the value the row already holds (the spread
 * `set((row) => ({ ...row, deletedAt: null, body }))`, a restore) is not checked again, as on any
 * other table (docs/mutations.md; Postgres's RI_FKey_fk_upd_check_required): it costs what
 * `set({ deletedAt: null })` costs (1 document, 1 range), and a row whose stored parent already
 * dangles is updated. An unchanged reference is judged again only when the statement deletes or
 * re-keys the very row it points at (a `set default` giving back that key), not whenever the
 * statement writes the table it points into.
 */
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  type AnyColumn,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
} from '../../src/index';

const comments = convexTable(
  'comments',
  {
    parentId: id('comments').references((): AnyColumn => comments._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    deletedAt: integer(),
  },
  (t) => [index('by_parent').on(t.parentId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { comments };
const orm = createOrm({ relations: defineRelations(tables) });

function backend() {
  const t = convexTest(defineSchema(tables), modules);
  return t;
}

it('a spread restore of a reply reads what set({ deletedAt: null }) reads', async () => {
  const t = backend();
  const reply = await t.run(async (ctx) => {
    const root = await ctx.db.insert('comments', { body: 'root' });
    return ctx.db.insert('comments', { body: 'reply', parentId: root, deletedAt: 5 });
  });
  const reads = await t.run(async (raw) => {
    const measure = async (f: (db: any) => Promise<unknown>) => {
      const counted = countReads(raw);
      await f(orm.db(counted.ctx));
      return { ...counted.reads };
    };
    return {
      plain: await measure((db) => db.update(comments).set({ deletedAt: null }).where(eq(comments._id, reply))),
      spread: await measure((db) =>
        db
          .update(comments)
          .set((row: any) => ({ ...row, deletedAt: null, body: 'edited' }))
          .where(eq(comments._id, reply)),
      ),
    };
  });
  expect(reads.plain).toEqual({ documents: 1, ranges: 1 });
  expect(reads.spread).toEqual(reads.plain);
});

it('a spread update of a row whose stored parent already dangles is not refused', async () => {
  const t = backend();
  const orphan = await t.run(async (ctx) => {
    const gone = await ctx.db.insert('comments', { body: 'gone' });
    const row = await ctx.db.insert('comments', { body: 'orphan', parentId: gone });
    await ctx.db.delete(gone); // raw: the reference now dangles, as unchangedReferenceNotRechecked.test.ts sets up
    return row;
  });
  const outcome = await t.run(async (raw) => {
    const attempt = async (f: () => Promise<unknown>) => {
      try {
        await f();
        return 'ok';
      } catch (e: any) {
        return `${e.code}: ${e.message}`;
      }
    };
    const db = orm.db(raw);
    return {
      plain: await attempt(() => db.update(comments).set({ body: 'y' }).where(eq(comments._id, orphan))),
      spread: await attempt(() =>
        db
          .update(comments)
          .set((row: any) => ({ ...row, body: 'z' }))
          .where(eq(comments._id, orphan)),
      ),
    };
  });
  expect(outcome).toEqual({ plain: 'ok', spread: 'ok' });
});
