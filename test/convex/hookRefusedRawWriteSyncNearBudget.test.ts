import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, notes, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };

/** Runs `body` with `orm.db(ctx)` whose ctx.meta counts getTransactionMetrics() calls; returns the count and outcome. */
async function countingSyncs(
  orm: { db(ctx: never): unknown },
  t: ReturnType<typeof limitedBackend>,
  body: (db: any) => Promise<unknown>,
) {
  let syncs = 0;
  const outcome = await t.run(async (ctx) => {
    const source = (ctx as any).meta;
    const meta = {
      getTransactionMetrics: () => {
        syncs++;
        return source.getTransactionMetrics();
      },
      getFunctionMetadata: () => source.getFunctionMetadata(),
    };
    try {
      await body(orm.db({ ...ctx, meta } as never) as any);
      return 'NONE';
    } catch (error) {
      return (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR';
    }
  });
  return { syncs, outcome };
}

// 0dd6e93: a raw write Convex refuses (here a raw insert the schema rejects, which the hook catches) now
// marks the meter's estimates, so the hook's next ORM operation syncs when the transaction is within one
// largest patch of a budget. A raw insert is reserved at its exact cost; the refused one reserved
// nothing the sync could correct but the one document it counted. docs/triggers.md: "a 1,000-row insert
// whose afterInsert makes a raw insert and an ORM insert asks once, not once per row, even with the
// transaction near a budget". With the raw insert refused (and caught) it asks once per row.
describe('getTransactionMetrics() calls of a hook whose raw insert Convex refuses, near a budget', () => {
  const hook = defineTriggers(relations, {
    folders: {
      afterInsert: async (_change, hookCtx) => {
        const ctx = hookCtx as unknown as HookCtx;
        try {
          await ctx.raw.insert('notes', { title: 42, body: null });
        } catch {
          // refused by the schema: the hook goes on
        }
        await ctx.db.insert(notes).values({ title: 'audit', body: null });
      },
    },
  });

  it('a 1,000-row insert of 15 KB rows (14.3 MiB of the 15 MiB bytesWritten budget): not one call per row', async () => {
    const t = limitedBackend();
    const orm = createOrm({ relations, triggers: hook });
    const { syncs, outcome } = await countingSyncs(orm, t, (db) =>
      db.insert(folders).values(Array.from({ length: 1_000 }, (_, i) => ({ name: `f${i}`.padEnd(15_000, 'x') }))),
    );
    expect(outcome).toBe('NONE');
    expect(syncs).toBeLessThanOrEqual(10);
  });
});
