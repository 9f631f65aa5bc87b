import type { PaginationResult } from 'convex/server';
import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

type Backend = ReturnType<typeof limitedBackend>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];
type Hook = (ctx: { raw: Ctx['db']; db: any }) => Promise<unknown>;

const hooked = (hook: Hook, seen: { page?: unknown }) =>
  createOrm({
    relations,
    triggers: defineTriggers(relations, {
      folders: {
        afterInsert: async (_change, ctx) => {
          seen.page = await hook(ctx as never);
        },
      },
    }),
  });

// docs/triggers.md: a raw write of a document the ORM never read is reserved at Convex's largest
// (1 MiB) read and written, and "when these estimates would pass the budget, the ORM first asks
// Convex for the transaction's metrics"; a read after raw writes "is not refused for bytes Convex
// never counted" (TransactionMeter.admit). A raw page read after them took its read limits from
// the same estimates, without asking (the ORM's page syncs as it starts, after raw writes).
async function pageAfterRawPatches(page: (ctx: { raw: Ctx['db']; db: any }) => Promise<PaginationResult<unknown>>) {
  const t = limitedBackend();
  const ids: GenericId<'notes'>[] = await t.run(async (ctx) => {
    const made: GenericId<'notes'>[] = [];
    for (let i = 0; i < 20; i++) made.push(await ctx.db.insert('notes', { title: `n${i}`, body: 'x' }));
    return made;
  });
  const seen: { page?: any } = {};
  const orm = hooked(async (ctx) => {
    for (const id of ids.slice(0, 14)) await ctx.raw.patch(id, { title: 'patched' });
    const read = await page(ctx);
    return { rows: read.page.length, status: read.pageStatus ?? null };
  }, seen);
  const error = await t.run(async (ctx) => {
    try {
      await orm.db(ctx).insert(folders).values({ name: 'f' });
      return null;
    } catch (caught) {
      return (caught as { code?: string }).code ?? String(caught);
    }
  });
  expect(error).toBeNull();
  return seen.page;
}

describe("a hook's page read after raw patches of small documents", () => {
  it('14 raw patches of ~60-byte notes, then ctx.raw.query(notes).paginate({ numItems: 5 }): 5 notes', async () => {
    // About 1 KiB really read and written; the page is asked for 5 small notes. Observed: a page of
    // 1 note, 'SplitRequired', its maximumBytesRead cut to 1 byte from 14 MiB of estimates.
    expect(await pageAfterRawPatches((ctx) => ctx.raw.query('notes').paginate({ numItems: 5, cursor: null }))).toEqual({
      rows: 5,
      status: null,
    });
  });

  it("the same patches, then the ORM's ctx.db.query.notes.paginate({ numItems: 5 }): 5 notes", async () => {
    // Its query syncs as it starts (a hook's operation after raw writes): it passed before too.
    expect(await pageAfterRawPatches((ctx) => ctx.db.query.notes.paginate({ numItems: 5, cursor: null }))).toEqual({
      rows: 5,
      status: null,
    });
  });
});
