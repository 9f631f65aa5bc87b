/**
 * A hook's raw patch or delete of a document the ORM never read is reserved at Convex's largest
 * document (1 MiB read, and for a patch 1 MiB written). Where that would pass the budget even after
 * asking Convex for the transaction's metrics, the ORM reads the document first (its size then
 * known) and reserves the write at its size, rather than refusing a write that fits: under a nested
 * call's `transactionLimits: { bytesRead: 512 KiB }` (the example docs/queries.md gives for limits
 * below one largest document) every such write was refused, as was one at the end of any
 * transaction (less than 1 MiB left). A document too large for what is left still fails typed, and
 * one that is gone gets Convex's own error for it, not a budget error.
 */
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { blobs, filler, folders, limitedBackend, relations } from './limitsFixture';

type HookCtx = { raw: any };

async function run(
  kind: 'patch' | 'delete',
  limits: true | { bytesRead?: number; bytesWritten?: number; documentsWritten?: number },
  bigBlobs = 0,
  note: { body?: string; gone?: boolean } = {},
) {
  const t = limitedBackend(limits as never);
  // Blobs of 950 KiB, 5 a transaction, for the ORM to read first (bigBlobs of them).
  for (let i = 0; i < bigBlobs; i += 5) {
    await t.run(async (ctx) => {
      for (let j = i; j < Math.min(bigBlobs, i + 5); j++) await ctx.db.insert('blobs', { body: filler(950 * 1024) });
    });
  }
  // A note of a few dozen bytes, written before: the ORM never reads it.
  const noteId: string = await t.run(async (ctx) => {
    const id = await ctx.db.insert('notes', { title: 'n', body: note.body ?? null });
    if (note.gone) await ctx.db.delete(id);
    return id;
  });
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      folders: {
        afterInsert: async (_change, hookCtx) => {
          const { raw } = hookCtx as unknown as HookCtx;
          if (kind === 'patch') await raw.patch(noteId, { title: 'patched' });
          else await raw.delete(noteId);
        },
      },
    }),
  });
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      const db = orm.db(ctx as never);
      // With 16 bigBlobs: 15,565,920 bytes read, under the default 15 MiB budget (Convex's 16 MiB).
      if (bigBlobs > 0) await db.select().from(blobs);
      await db.insert(folders).values({ name: 'f' });
      return { error: null, note: await raw.db.get(noteId as never), reads };
    } catch (error) {
      const {
        code = 'NOT_AN_ORM_ERROR',
        details = null,
        message,
      } = error as {
        code?: string;
        details?: any;
        message: string;
      };
      return { error: { code, budget: details?.budget ?? null, message }, reads };
    }
  });
}

describe("a hook's raw write of a small unread document under a bytes limit below 1 MiB", () => {
  it('raw patch under transactionLimits { bytesRead: 512 KiB } is made (it reads ~50 bytes)', async () => {
    const result = await run('patch', { bytesRead: 512 * 1024 });
    // Observed: { error: { code: 'SCAN_BUDGET_EXCEEDED', budget: 'bytesRead' } }.
    expect(result.error).toBeNull();
    expect(result.note).toMatchObject({ title: 'patched' });
  });

  it('raw delete under transactionLimits { bytesRead: 512 KiB } is made', async () => {
    const result = await run('delete', { bytesRead: 512 * 1024 });
    expect(result.error).toBeNull();
    expect(result.note).toBeNull();
  });

  it('raw patch under transactionLimits { bytesWritten: 512 KiB } is made (it writes ~60 bytes)', async () => {
    const result = await run('patch', { bytesWritten: 512 * 1024 });
    // Observed: { error: { code: 'WRITE_BUDGET_EXCEEDED', budget: 'bytesWritten' } }.
    expect(result.error).toBeNull();
    expect(result.note).toMatchObject({ title: 'patched' });
  });

  it('default limits: after the ORM read 14.85 MiB (of its 15 MiB budget), a raw patch of a ~50-byte note is made', async () => {
    const result = await run('patch', true, 16);
    // Observed: { error: { code: 'SCAN_BUDGET_EXCEEDED', budget: 'bytesRead' } }: the patch is reserved as
    // reading 1 MiB, though 162,720 bytes of the ORM's own 15 MiB budget (1.2 MiB of Convex's 16 MiB) are left.
    expect(result.error).toBeNull();
    expect(result.note).toMatchObject({ title: 'patched' });
  });

  it('a raw patch of an unread 700 KiB document under a 512 KiB bytesRead limit fails typed', async () => {
    // The read that sizes it is refused: the typed error of the read, before the write is made.
    const result = await run('patch', { bytesRead: 512 * 1024 }, 0, { body: filler(700 * 1024) });
    expect(result.error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED', budget: 'bytesRead' });
  });

  it("a raw patch of a document that is gone gets Convex's own error for it, not a budget error", async () => {
    const result = await run('patch', { bytesRead: 512 * 1024 }, 0, { gone: true });
    expect(result.error?.code).toBe('NOT_AN_ORM_ERROR');
    expect(result.error?.message).toMatch(/non-existent document/);
  });

  it('a raw patch refused for a limit the size of its document does not touch reads nothing first', async () => {
    // The folder's insert takes the one document write: the patch is refused as it stands.
    const result = await run('patch', { documentsWritten: 1 });
    expect(result.error).toMatchObject({ code: 'WRITE_BUDGET_EXCEEDED', budget: 'documentsWritten' });
    expect(result.reads.documents).toBe(0);
  });

  it('a raw patch sized first reads the document once', async () => {
    const result = await run('patch', { bytesRead: 512 * 1024 });
    expect(result.error).toBeNull();
    expect(result.reads).toEqual({ documents: 1, ranges: 1 });
  });
});
