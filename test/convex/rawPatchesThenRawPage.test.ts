import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

type Backend = ReturnType<typeof limitedBackend>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];
type Hook = (ctx: { raw: Ctx['db'] }) => Promise<unknown>;

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
// never counted" (TransactionMeter.admit). A raw page read after them takes its read limits from
// the same estimates, without asking.
describe("a hook's raw page read after raw patches of small documents", () => {
  it('14 raw patches of ~60-byte notes, then ctx.raw.query(notes).paginate({ numItems: 5 }): 5 notes', async () => {
    const t = limitedBackend();
    const ids: GenericId<'notes'>[] = await t.run(async (ctx) => {
      const made: GenericId<'notes'>[] = [];
      for (let i = 0; i < 20; i++) made.push(await ctx.db.insert('notes', { title: `n${i}`, body: 'x' }));
      return made;
    });
    const seen: { page?: any } = {};
    const orm = hooked(async (ctx) => {
      for (const id of ids.slice(0, 14)) await ctx.raw.patch(id, { title: 'patched' });
      const page = await ctx.raw.query('notes').paginate({ numItems: 5, cursor: null });
      return { rows: page.page.length, status: page.pageStatus ?? null };
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
    // About 1 KiB really read and written; the page is asked for 5 small notes. Observed: a page of
    // 1 note, 'SplitRequired', its maximumBytesRead cut to 1 byte from 14 MiB of estimates.
    expect(seen.page).toEqual({ rows: 5, status: null });
  });
});
