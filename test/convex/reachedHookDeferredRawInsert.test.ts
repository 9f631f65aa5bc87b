import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  id,
  index,
  text,
} from '../../src/index';

// A raw insert of a reached row's hook was recorded when it was made, but a raw write is made only
// once the meter reserved it: when the estimates of earlier raw writes (a raw patch of a row the
// meter never read, counted at Convex's largest document) leave too little room, the reservation
// waits for a correcting sync. A hook that did not await the insert returned before that, the check
// saw no insert, and the statement deleted the parent; the insert then landed, referencing the
// deleted parent. A raw insert is now recorded when it is called.
const parents = convexTable('parents', { name: text().notNull() });
const children = convexTable(
  'children',
  {
    parentId: id('parents')
      .notNull()
      .references(() => parents._id, { onDelete: 'cascade' }),
    title: text().notNull(),
  },
  (t) => [index('by_parent').on(t.parentId)],
);
const notes = convexTable('notes', { title: text().notNull() });
const tables = { parents, children, notes };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  parents: { children: r.many.children() },
  children: { parent: r.one.parents({ from: r.children.parentId, to: r.parents._id }) },
}));

const KiB = 1024;

describe("a reached row's before-hook starting a raw insert the meter defers (estimates near the budget)", () => {
  it('raw insert (not awaited) holding the removed key, made after a correcting sync: refused, nothing dangling', async () => {
    // The statement takes this limit at its start. Room for one raw patch estimated at Convex's largest document (1 MiB), not for an insert on top.
    const t = convexTest({ schema, modules, transactionLimits: { bytesWritten: 1024 * KiB + 100 } });
    let pending: Promise<unknown> | undefined;
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        children: {
          beforeDelete: ({ old }: any, ctx: any) => {
            if (old.title !== 'c1') return;
            // A raw patch by id of a row the meter never read: estimated at 1 MiB written.
            void ctx.raw.patch(noteId, { title: 'patched' });
            pending = ctx.raw.insert('children', { parentId: old.parentId, title: 'late' });
          },
        },
      }),
    });
    let noteId: any;
    const { p } = await t.run(async (ctx) => {
      noteId = await ctx.db.insert('notes', { title: 'n' });
      const p = await ctx.db.insert('parents', { name: 'p' });
      await ctx.db.insert('children', { parentId: p, title: 'c1' });
      return { p };
    });
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx) as any;
      const r = await db
        .delete(parents)
        .where(eq(parents._id, p))
        .then(
          () => 'resolved',
          (e: any) => e?.data?.code ?? e?.code ?? `untyped: ${String(e)}`,
        );
      const inserted = await pending!.then(
        () => 'inserted',
        (e: any) => `insert rejected: ${e?.code ?? String(e)}`,
      );
      return { r, inserted };
    });
    const left = await t.run(async (ctx) => {
      const out: string[] = [];
      for (const row of await ctx.db.query('children').collect()) {
        if ((await ctx.db.get(row.parentId)) === null) out.push(`child ${row.title}`);
      }
      return out;
    });
    // Observed: { result: 'resolved', left: ['child late'] } (the insert was made after the check).
    expect({ result: result.r, left }).toEqual({ result: 'INVALID_QUERY', left: [] });
  });
});
