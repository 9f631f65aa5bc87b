import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { blobs, filler, folders, limitedBackend, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };

/**
 * A raw delete (or replace) of a document the ORM read is reserved at the size the ORM read, as an
 * exact cost that no sync corrects (5454b1f). When the caller's own ctx.db grew the document after
 * the ORM read it, Convex's delete reads the document as stored now: the meter under-counts the
 * bytes read by the growth, and the transaction meets Convex's own "Read too much data" (or reads
 * past the ORM's budget) instead of SCAN_BUDGET_EXCEEDED. The statement that runs the hook synced
 * as it started, so the meter knew the transaction had written outside it (documentsWritten of the
 * report above its own count) and could no longer trust the sizes it read.
 */
describe('a raw delete of a document the caller grew after the ORM read it', () => {
  async function run(limits: true | { bytesRead: number }, budget?: { bytesRead: number }, kind = 'delete') {
    const t = limitedBackend(limits);
    const blobId: string = await t.run((ctx) => ctx.db.insert('blobs', { body: 'small' }));
    const orm = createOrm({
      relations,
      ...(budget ? { transactionBudget: budget } : {}),
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_change, hookCtx) => {
            const ctx = hookCtx as unknown as HookCtx;
            if (kind === 'delete') await ctx.raw.delete(blobId);
            else await ctx.raw.replace(blobId, { body: 'small again' });
          },
        },
      }),
    });
    return t
      .run(async (ctx) => {
        const db = orm.db(ctx as never);
        // The ORM reads the blob (a few bytes)...
        await db.select().from(blobs);
        // ...then the caller's own ctx.db makes it 700 KB.
        await ctx.db.patch(blobId as never, { body: filler(700_000) });
        let code = 'NONE';
        try {
          await db.insert(folders).values({ name: 'f' });
        } catch (error) {
          code = (error as { code?: string }).code ?? `NOT_AN_ORM_ERROR: ${(error as Error).message.slice(0, 80)}`;
        }
        const metrics = await (ctx as any).meta.getTransactionMetrics();
        return { code, bytesRead: metrics.bytesRead.used as number };
      })
      .catch((error: Error) => ({ code: `NOT_AN_ORM_ERROR: ${error.message.slice(0, 80)}`, bytesRead: -1 }));
  }

  it("Convex's limit of 600,000 bytes read: the delete fails typed", async () => {
    const { code } = await run({ bytesRead: 600_000 });
    // Observed: Convex's "Read too much data in a single function execution (limit: 600000 bytes)".
    expect(code).toBe('SCAN_BUDGET_EXCEEDED');
  });

  it("Convex's limit of 600,000 bytes read: the replace fails typed", async () => {
    const { code } = await run({ bytesRead: 600_000 }, undefined, 'replace');
    expect(code).toBe('SCAN_BUDGET_EXCEEDED');
  });

  it('transactionBudget { bytesRead: 600,000 }: never more than 600,000 bytes read without the typed error', async () => {
    const { code, bytesRead } = await run(true, { bytesRead: 600_000 });
    // Observed: no error, and ~700,000 bytes read under a 600,000 budget.
    expect({ code, past: bytesRead > 600_000 && code === 'NONE' }).toEqual({
      code: 'SCAN_BUDGET_EXCEEDED',
      past: false,
    });
  });
});
