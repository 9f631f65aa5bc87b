import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { filler, folders, limitedBackend, relations } from './limitsFixture';

const KiB = 1024;

type Backend = ReturnType<typeof limitedBackend>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];
type Hook = (ctx: { raw: Ctx['db'] }) => Promise<void>;

/** An ORM whose folders' afterInsert hook runs `hook`. */
const hooked = (hook: Hook) =>
  createOrm({
    relations,
    triggers: defineTriggers(relations, { folders: { afterInsert: (_change, ctx) => hook(ctx as never) } }),
  });

/** Inserts `count` notes of `bodyBytes` characters of body (in transactions of at most 9), their ids in order. */
async function insertNotes(t: Backend, count: number, bodyBytes: number): Promise<GenericId<'notes'>[]> {
  const ids: GenericId<'notes'>[] = [];
  for (let start = 0; start < count; start += 9) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + 9); i++) {
        ids.push(await ctx.db.insert('notes', { title: 'n', body: filler(bodyBytes) }));
      }
    });
  }
  return ids;
}

/**
 * Inserts a folder through `orm` (its hook runs): the ORM error it fails with (`null` when it
 * succeeds), and how many times the ORM called getTransactionMetrics().
 */
function insertFolder(t: Backend, orm: ReturnType<typeof hooked>) {
  return t.run(async (ctx) => {
    let syncs = 0;
    const meta = {
      getTransactionMetrics: () => {
        syncs++;
        return (ctx as any).meta.getTransactionMetrics();
      },
    };
    const db = orm.db({ ...ctx, meta } as Ctx);
    try {
      await db.insert(folders).values({ name: 'f' });
      return { error: null, syncs };
    } catch (error) {
      const { code = 'NOT_AN_ORM_ERROR', details = null } = error as { code?: string; details?: any };
      return { error: { code, details }, syncs };
    }
  });
}

describe("a hook's raw patches of large documents stay inside the bytes written limit (transactionLimits on)", () => {
  it('18 raw patches of one field of 950 KiB documents: the typed budget error, not Convex’s "Read too much data"', async () => {
    const t = limitedBackend();
    // Two transactions: 18 documents of 950 KiB pass the 16 MiB written in one.
    const ids = await insertNotes(t, 18, 950 * KiB);
    // Each raw patch changes a few bytes, but Convex reads the whole document it patches and counts
    // the whole patched document as written: 18 x 950 KiB = 16.7 MiB of each, past Convex's 16 MiB.
    // docs/triggers.md: a raw write that would pass the budget rejects with the ORM's typed error
    // instead of Convex's own.
    const orm = hooked(async (ctx) => {
      for (const id of ids) await ctx.raw.patch(id, { title: 'patched' });
    });
    const { error } = await insertFolder(t, orm);
    // Observed: Convex's own "Read too much data in a single function execution" (each patch reads
    // the 950 KiB document it changes), as the ORM reserved each raw patch as 1 document of ~20 bytes
    // written and 0 bytes read.
    expect({ code: error?.code }).toEqual({ code: expect.stringMatching(/^(WRITE|SCAN)_BUDGET_EXCEEDED$/) });
    expect(['bytesRead', 'bytesWritten']).toContain(error!.details.budget);
  });

  it('the same patches of documents the hook read first: the typed error, counted at their size', async () => {
    const t = limitedBackend();
    const ids = await insertNotes(t, 18, 950 * KiB);
    const orm = hooked(async (ctx) => {
      for (const id of ids) {
        await ctx.raw.get(id);
        await ctx.raw.patch(id, { title: 'patched' });
      }
    });
    const { error, syncs } = await insertFolder(t, orm);
    expect({ code: error?.code }).toEqual({ code: expect.stringMatching(/^(WRITE|SCAN)_BUDGET_EXCEEDED$/) });
    // The statement's own sync, and one as the reads and patches near the budget (after raw writes,
    // the meter checks what Convex counted before refusing): none per patch, their sizes are known.
    expect(syncs).toBeLessThanOrEqual(2);
  });

  it('1,000 raw patches of small documents the hook read: all made, no sync per write', async () => {
    const t = limitedBackend();
    const ids = await insertNotes(t, 1_000, 10);
    const orm = hooked(async (ctx) => {
      for (const note of await ctx.raw.query('notes').collect()) await ctx.raw.patch(note._id, { title: 'patched' });
    });
    expect(await insertFolder(t, orm)).toEqual({ error: null, syncs: 1 });
    const titles = await t.run(async (ctx) => (await ctx.db.query('notes').collect()).map((note) => note.title));
    expect(titles).toEqual(ids.map(() => 'patched'));
  });

  it('1,000 raw patches of small documents the hook did not read: all made, a sync only when the estimates fill the budget', async () => {
    const t = limitedBackend();
    const ids = await insertNotes(t, 1_000, 10);
    const orm = hooked(async (ctx) => {
      for (const id of ids) await ctx.raw.patch(id, { title: 'patched' });
    });
    const { error, syncs } = await insertFolder(t, orm);
    expect(error).toBeNull();
    // Each patch reserves Convex's largest document (1 MiB) read and written: about one sync in 14 patches.
    expect(syncs).toBeLessThanOrEqual(1_000 / 10);
  });

  it('raw patches of documents the hook did not read, then reads that fit: read, not refused for the estimates', async () => {
    // Convex's bytes read lowered to 4 MiB: three patches reserve 3 MiB read, then 1.2 MiB is read.
    const t = limitedBackend({ bytesRead: 4 * 1024 * KiB });
    const small = await insertNotes(t, 3, 10);
    const large = await insertNotes(t, 2, 600 * KiB);
    const orm = hooked(async (ctx) => {
      for (const id of small) await ctx.raw.patch(id, { title: 'patched' });
      for (const id of large) await ctx.raw.get(id);
    });
    expect((await insertFolder(t, orm)).error).toBeNull();
  });
});
