import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, logs } from './hooksFixture';

// A statement that matches no row writes nothing and fires nothing: it is no trigger level, so an
// update at depth 9 that matches nothing resolves (it threw TRIGGER_DEPTH_EXCEEDED naming no
// table, `table: ""`). A 9th level that writes still throws (triggers.test.ts).
describe('a statement 9 trigger levels deep that matches no row', () => {
  it('writes nothing and resolves: the chain ends there', async () => {
    const { run } = backend({
      logs: {
        afterInsert: async ({ new: row }, ctx) => {
          const depth = (row.depth ?? 0) + 1;
          if (depth <= 8) await ctx.db.insert(logs).values({ msg: 'x', depth });
          else await ctx.db.update(logs).set({ msg: 'y' }).where(eq(logs.msg, 'none'));
        },
      },
    });
    const written = await run(async (db, ctx) => {
      await db.insert(logs).values({ msg: 'x', depth: 0 });
      return (await ctx.db.query('logs').collect()).length;
    });
    expect(written).toBe(9);
  });
});
