import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { filler, folders, limitedBackend, relations } from './limitsFixture';
import { rejection } from './mutationHarness';

const KiB = 1024;

describe("a hook's raw patches of large documents stay inside the bytes written limit (transactionLimits on)", () => {
  it('18 raw patches of one field of 950 KiB documents: the typed budget error, not Convex’s "Read too much data"', async () => {
    const t = limitedBackend();
    const ids: GenericId<'notes'>[] = [];
    // Two transactions: 18 documents of 950 KiB pass the 16 MiB written in one.
    for (let half = 0; half < 2; half++) {
      await t.run(async (ctx) => {
        for (let i = 0; i < 9; i++) ids.push(await ctx.db.insert('notes', { title: 'n', body: filler(950 * KiB) }));
      });
    }
    // Each raw patch changes a few bytes, but Convex reads the whole document it patches and counts
    // the whole patched document as written: 18 x 950 KiB = 16.7 MiB of each, past Convex's 16 MiB.
    // docs/triggers.md: a raw write that would pass the budget rejects with the ORM's typed error
    // instead of Convex's own.
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_change, ctx) => {
            for (const id of ids) await ctx.raw.patch(id, { title: 'patched' });
          },
        },
      }),
    });
    const error = await t.run((ctx) => rejection(orm.db(ctx).insert(folders).values({ name: 'f' })));
    // Observed: Convex's own "Read too much data in a single function execution" (each patch reads
    // the 950 KiB document it changes), as the ORM reserved each raw patch as 1 document of ~20 bytes
    // written and 0 bytes read.
    expect({ code: error.code, budget: error.details?.budget }).toEqual(
      expect.objectContaining({ code: expect.stringMatching(/^(WRITE|SCAN)_BUDGET_EXCEEDED$/) }),
    );
    expect(['bytesRead', 'bytesWritten']).toContain(error.details.budget);
  });
});
