import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, eq } from '../../src/index';
import { blobs, limitedBackend, notes, relations } from './limitsFixture';

type HookCtx = { raw: any };

/**
 * d730756 keeps an ORM statement's written rows in KnownDocuments' one size map as UNKNOWN while the write is
 * on its way. A delete's write never comes back (recordWritten skips deletes), so every row an ORM delete
 * removed stays in the map as UNKNOWN for the rest of the transaction, counting against its 10,000-entry cap,
 * where the two maps before dropped the entry (writing() deleted it). Once reads and deletes reach 10,000
 * documents, a document read afterwards gets no size: a raw delete of it is reserved at Convex's largest
 * document (1 MiB read) instead of its few hundred bytes, and fails a budget the transaction is far from.
 */
describe('a raw delete of a small document after an ORM delete of 3,900 rows and a read of 6,100', () => {
  it('is reserved at the size the meter read, not at 1 MiB (transactionBudget { bytesRead: 1,500,000 })', async () => {
    const t = limitedBackend(true);
    const noteId: string = await t.run(async (ctx) => {
      for (let i = 0; i < 3_900; i++) await ctx.db.insert('blobs', { body: 'b' });
      for (let i = 0; i < 6_100; i++) await ctx.db.insert('blobs', { body: 'c' });
      return ctx.db.insert('notes', { title: 'a', body: 'small' });
    });
    const orm = createOrm({
      relations,
      transactionBudget: { bytesRead: 1_500_000 },
      rowCap: 20_000,
      triggers: defineTriggers(relations, {
        notes: {
          afterUpdate: async (change: any, hookCtx: unknown) => {
            await (hookCtx as HookCtx).raw.delete(change.id);
          },
        },
      }),
    });
    const outcome = await t.run(async (ctx) => {
      const db = orm.db(ctx as never);
      let code = 'NONE';
      try {
        await db.delete(blobs).where(eq(blobs.body, 'b'));
        await db.query.blobs.findMany({ where: { body: 'c' } });
        await db
          .update(notes)
          .set({ title: 'renamed' })
          .where(eq(notes._id, noteId as never));
      } catch (error) {
        code = (error as { code?: string }).code ?? `NOT_AN_ORM_ERROR: ${(error as Error).message.slice(0, 80)}`;
      }
      const metrics = await (ctx as any).meta.getTransactionMetrics();
      return { code, bytesRead: metrics.bytesRead.used as number };
    });
    // Observed: SCAN_BUDGET_EXCEEDED (1,420,168 bytes read by then: the note's raw delete reserved at 1,048,576); passes on d730756^.
    expect(outcome).toEqual({ code: 'NONE', bytesRead: expect.any(Number) });
    expect(outcome.bytesRead).toBeLessThan(1_500_000);
  }, 120_000);
});
