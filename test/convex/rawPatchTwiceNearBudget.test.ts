/**
 * A hook's raw patch of a small document it patched raw before, made once the budget is tight (a
 * counter document patched per row near the end of a transaction's bytes), is made: its size is
 * known only at most (the first patch was reserved at Convex's largest document, 1 MiB, and left
 * it "at most 1 MiB"), so the document is read first and the patch reserved at its size, as one of
 * a document never read is. It was refused with SCAN_BUDGET_EXCEEDED though it fits.
 */
import { expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { blobs, filler, folders, limitedBackend, relations } from './limitsFixture';

it('a raw patch of a small note patched before, once less than 1 MiB of the budget is left, is made', async () => {
  const t = limitedBackend(true);
  // 16 blobs of 950 KiB (15,564,800 bytes; the ORM's default budget is 15 MiB), 5 a transaction.
  for (let i = 0; i < 16; i += 5) {
    await t.run(async (ctx) => {
      for (let j = i; j < Math.min(16, i + 5); j++) await ctx.db.insert('blobs', { body: filler(950 * 1024) });
    });
  }
  const noteId: string = await t.run((ctx) => ctx.db.insert('notes', { title: 'n', body: null }) as Promise<string>);
  let patches = 0;
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      folders: {
        afterInsert: async (_change, hookCtx) => {
          await (hookCtx as unknown as { raw: any }).raw.patch(noteId, { title: `patched ${++patches}` });
        },
      },
    }),
  });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    try {
      // First patch: the budget is ample, reserved at Convex's largest (an estimate).
      await db.insert(folders).values({ name: 'a' });
      await db.select().from(blobs);
      // Second patch of the same ~50-byte note, with about 160 KB of the ORM's budget left.
      await db.insert(folders).values({ name: 'b' });
      return { error: null, note: ((await ctx.db.get(noteId as never)) as { title: string }).title };
    } catch (error) {
      const { code, details } = error as { code?: string; details?: { budget?: string } };
      return { error: `${code} ${details?.budget}` };
    }
  });
  expect(out).toEqual({ error: null, note: 'patched 2' });
});
