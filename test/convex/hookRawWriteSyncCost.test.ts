import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, notes, relations } from './limitsFixture';

// Raw writes are reserved at estimates that are upper bounds (an insert at its value's size), so
// the sync after them is not needed for correctness: the migration batch dropped it for that
// reason ("1,000 documents each patched through ctx.db make no call per document"), and a raw
// write that would pass the budget on its estimate syncs first anyway. A hook's ORM statement
// after a raw insert still asks Convex for the transaction's metrics every time.
describe("getTransactionMetrics() calls of a hook's raw writes", () => {
  it('a 1,000-row insert whose afterInsert makes a raw insert and an ORM insert: not one call per row', async () => {
    const t = limitedBackend();
    let syncs = 0;
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (change, hookCtx) => {
            const ctx = hookCtx as unknown as { raw: any; db: any };
            await ctx.raw.insert('notes', { title: change.new.name, body: null });
            await ctx.db.insert(notes).values({ title: 'audit', body: null });
          },
        },
      }),
    });
    await t.run(async (ctx) => {
      const source = (ctx as any).meta;
      const meta = {
        getTransactionMetrics: () => {
          syncs++;
          return source.getTransactionMetrics();
        },
        getFunctionMetadata: () => source.getFunctionMetadata(),
      };
      await orm
        .db({ ...ctx, meta } as never)
        .insert(folders)
        .values(Array.from({ length: 1_000 }, (_, i) => ({ name: `f${i}` })));
    });
    // Observed: 1,001 (the statement's own, then one per row: syncInsideStatement after each raw
    // insert), where the same hook without the raw insert makes 1.
    expect(syncs).toBeLessThanOrEqual(10);
  });
});
