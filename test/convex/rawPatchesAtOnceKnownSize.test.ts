/**
 * Two raw patches of one document made at once (`Promise.all` in a hook), near the end of the
 * budget, of a document patched raw before (its size known only at most): each is sized by its own
 * metered read, both issued before either patch is made. The read that resolves after the first
 * patch was made returns the document as it was; it must not replace the upper bound that patch
 * left, or the meter would know the document as smaller than Convex stores it (a later raw replace
 * or delete, which reads it whole, reserved below its cost). A read started before a raw write of
 * the document does not replace its known size.
 */
import { expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { documentSize } from '../../src/limits/documentSize';
import { meterOf } from '../../src/limits/meteredDb';
import { blobs, filler, folders, limitedBackend, relations } from './limitsFixture';

it('a document patched raw by two patches at once is never known as smaller than it is', async () => {
  const t = limitedBackend(true);
  for (let i = 0; i < 16; i += 5) {
    await t.run(async (ctx) => {
      for (let j = i; j < Math.min(16, i + 5); j++) await ctx.db.insert('blobs', { body: filler(950 * 1024) });
    });
  }
  const noteId: string = await t.run((ctx) => ctx.db.insert('notes', { title: 'n', body: null }) as Promise<string>);
  let round = 0;
  let seen: { known: number | undefined; exact: boolean; actual: number } | undefined;
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      folders: {
        afterInsert: async (_change, hookCtx) => {
          const raw = (hookCtx as unknown as { raw: any }).raw;
          round++;
          if (round === 1) {
            await raw.patch(noteId, { title: 'first' });
            return;
          }
          await Promise.all([raw.patch(noteId, { body: filler(60_000) }), raw.patch(noteId, { title: 'third' })]);
          const meter = meterOf(raw)!;
          // What the meter knows right after the two patches (before any read measures it again).
          const known = meter.documents.storedSize(noteId);
          const exact = meter.documents.hasExactSize(noteId);
          const doc = (await raw.get(noteId)) as Record<string, unknown>;
          seen = { known, exact, actual: documentSize(doc) };
        },
      },
    }),
  });
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as never);
    try {
      await db.insert(folders).values({ name: 'a' });
      await db.select().from(blobs);
      await db.insert(folders).values({ name: 'b' });
      return null;
    } catch (error) {
      return String((error as { code?: string }).code ?? error);
    }
  });
  expect(out).toBe(null);
  expect(seen).toBeDefined();
  expect(seen!.known).toBeGreaterThanOrEqual(seen!.actual);
});
