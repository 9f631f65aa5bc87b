/**
 * A raw page (`ctx.raw.query(...).paginate(...)`) read at once with a raw patch of one of its
 * documents returns the document as it was before the patch; counted after the patch was made, it
 * must not replace the upper bound the patch left, or the meter knows the document as smaller than
 * Convex stores it (78 bytes for 60 KB), and a later raw replace or delete is reserved below its
 * cost. A page, like a single read, does not replace a known size when a raw write was recorded
 * while it was on its way.
 */
import { expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { documentSize } from '../../src/limits/documentSize';
import { meterOf } from '../../src/limits/meteredDb';
import { filler, folders, limitedBackend, relations } from './limitsFixture';

it('a page read at once with a raw patch of its document does not make the meter know it as smaller', async () => {
  const t = limitedBackend(true);
  const noteId: string = await t.run((ctx) => ctx.db.insert('notes', { title: 'n', body: null }) as Promise<string>);
  let seen: { known: number | undefined; actual: number } | undefined;
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      folders: {
        afterInsert: async (_change, hookCtx) => {
          const raw = (hookCtx as unknown as { raw: any }).raw;
          await Promise.all([
            raw.query('notes').paginate({ numItems: 5, cursor: null }),
            raw.patch(noteId, { body: filler(60_000) }),
          ]);
          const known = meterOf(raw)!.documents.storedSize(noteId);
          const doc = (await raw.get(noteId)) as Record<string, unknown>;
          seen = { known, actual: documentSize(doc) };
        },
      },
    }),
  });
  await t.run(async (ctx) => {
    await orm
      .db(ctx as never)
      .insert(folders)
      .values({ name: 'a' });
  });
  expect(seen).toBeDefined();
  // Not known (undefined: reserved as Convex's largest) or at least the stored size; today 78 (exact).
  expect(seen!.known ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(seen!.actual);
});
