import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, eq } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { folders, limitedBackend, notes, relations } from './limitsFixture';
import { rejection } from './mutationHarness';

// On Convex every db.patch / db.replace / db.delete reads the document first (`patch_inner`,
// `replace_inner`, `delete_inner` call `get_inner`, crates/database/src/transaction.rs), and
// `get_inner` records a `by_id` interval of one key (`record_indexed_directly`), which counts toward
// TRANSACTION_MAX_READ_SET_INTERVALS (4,096; `databaseQueries` in the metrics). Intervals of one index
// merge when they overlap or touch (IntervalSet::add, crates/common/src/interval/interval_set.rs), so
// the write adds none only after a read of the same key: a `db.get` of the id, or an earlier write
// to it. A statement that patches or deletes N rows found through another index adds N ranges.
// convex-test does not count these ranges (its 1.0/shallowMerge and 1.0/remove count no range), so
// these tests check the ORM's own reservation, which refuses the statement before its first write.

const noError = (e: unknown) => ({ code: 'NO_ERROR', message: String(e), table: null, details: null as unknown });

describe('a write to an existing document counts one index range, as Convex reads its by_id range', () => {
  it('an update of 30 rows found by one range takes 31 ranges: a budget of 10 refuses it before writing', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 30; i++) await ctx.db.insert('notes', { title: 'a', body: null });
    });
    const small = createOrm({ relations, transactionBudget: { indexRanges: 10 } });
    const out = await t.run(async (ctx) => {
      const error = await rejection(
        small.db(ctx).update(notes).set({ title: 'b' }).where(eq(notes.title, 'a')).execute(),
      ).catch(noError);
      return { error, changed: (await ctx.db.query('notes').collect()).filter((n) => n.title === 'b').length };
    });
    expect(out.error.code).toBe('SCAN_BUDGET_EXCEEDED');
    // The scan's range, then 30 patches of one range each.
    expect(out.error.details).toMatchObject({ budget: 'indexRanges', limit: 10, used: 1 });
    expect(out.error.message).toContain('(1 used, 30 more;');
    expect(out.changed).toBe(0);
  });

  it('a cascade delete of 40 folders with one file each is 80 deletes of one range each: a budget of 50 refuses it', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 40; i++) {
        await ctx.db.insert('files', { folderId: await ctx.db.insert('folders', { name: `f${i}` }), name: `x${i}` });
      }
    });
    const small = createOrm({ relations, transactionBudget: { indexRanges: 50 } });
    const out = await t.run(async (ctx) => {
      const error = await rejection(small.db(ctx).delete(folders).all()).catch(noError);
      return { error, folders: (await ctx.db.query('folders').collect()).length };
    });
    expect(out.error.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(out.error.details).toMatchObject({ budget: 'indexRanges', limit: 50 });
    expect(out.folders).toBe(40);
  });

  it('an update by id adds no range: the db.get read the by_id range the patch reads', async () => {
    const t = limitedBackend();
    const id = await t.run((ctx) => ctx.db.insert('notes', { title: 'a', body: null }));
    const one = createOrm({ relations, transactionBudget: { indexRanges: 1 } });
    const { reads, title } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await one.db(ctx).update(notes).set({ title: 'b' }).where(eq(notes._id, id));
      return { reads: { ...reads }, title: (await raw.db.get(id))?.title };
    });
    expect(reads).toEqual({ documents: 1, ranges: 1 });
    expect(title).toBe('b');
  });

  it('a second write to a row adds no range, the first one does', async () => {
    const t = limitedBackend();
    await t.run(async (ctx) => {
      for (let i = 0; i < 3; i++) await ctx.db.insert('notes', { title: `n${i}`, body: null });
    });
    // The scan (1) and the patch (1), then the second statement's scan (1): its patch of the same row adds none.
    const three = createOrm({ relations, transactionBudget: { indexRanges: 3 } });
    const titles = await t.run(async (ctx) => {
      const db = three.db(ctx);
      await db.update(notes).set({ title: 'x' }).where(eq(notes.title, 'n0'));
      await db.update(notes).set({ title: 'y' }).where(eq(notes.title, 'x'));
      return (await ctx.db.query('notes').collect()).map((n) => n.title);
    });
    expect(titles).toEqual(['y', 'n1', 'n2']);
  });

  it("a hook's update of the rows another range found counts their ranges before its first write", async () => {
    const t = limitedBackend({ databaseQueries: 20 });
    const ids: GenericId<'notes'>[] = [];
    await t.run(async (ctx) => {
      for (let i = 0; i < 20; i++) ids.push(await ctx.db.insert('notes', { title: 'old', body: null }));
    });
    const hooked = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_change, ctx) => {
            await ctx.db.update(notes).set({ title: 'new' }).where(eq(notes.title, 'old'));
          },
        },
      }),
    });
    const out = await t.run(async (ctx) => {
      const error = await rejection(hooked.db(ctx).insert(folders).values({ name: 'f' })).catch(noError);
      return { error, renamed: (await ctx.db.query('notes').collect()).filter((n) => n.title === 'new').length };
    });
    // The hook's scan, then 20 patches: 21 ranges of the 20 Convex allows here.
    expect(out.error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'indexRanges', limit: 20 } });
    expect(out.renamed).toBe(0);
  });
});
