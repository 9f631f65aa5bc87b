import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, eq } from '../../src/index';
import { blobs, filler, folders, limitedBackend, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };

/**
 * 2ad9cce: a sync whose report shows documents written that the meter did not count (the caller's
 * own ctx.db) makes the meter forget the sizes it knows. It tells so by `outside.documentsWritten`
 * (reported minus counted) growing since the last sync. A raw write the meter reserved and Convex
 * then refused (here a raw insert failing the schema's validator, caught by the hook) stays counted
 * as written, so the caller's own write after it leaves `outside.documentsWritten` where it was:
 * the sizes are not forgotten, and a raw delete of the document the caller grew is reserved at the
 * size the ORM read before, as exact.
 */
describe('a raw delete of a document the caller grew, after a raw write Convex refused', () => {
  async function run(limits: true | { bytesRead: number }, budget?: { bytesRead: number }) {
    const t = limitedBackend(limits);
    const blobId: string = await t.run((ctx) => ctx.db.insert('blobs', { body: 'small' }));
    const orm = createOrm({
      relations,
      ...(budget ? { transactionBudget: budget } : {}),
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (change, hookCtx) => {
            const ctx = hookCtx as unknown as HookCtx;
            if ((change as any).new?.name === 'a') {
              // A raw write Convex refuses (body is not a string); the hook goes on.
              try {
                await ctx.raw.insert('blobs', { body: 42 });
              } catch {}
            } else {
              await ctx.raw.delete(blobId);
            }
          },
        },
      }),
    });
    return t
      .run(async (ctx) => {
        const db = orm.db(ctx as never);
        await db.select().from(blobs); // the ORM reads the blob: a few bytes
        await db.insert(folders).values({ name: 'a' });
        await ctx.db.patch(blobId as never, { body: filler(700_000) }); // the caller grows it
        let code = 'NONE';
        try {
          await db.insert(folders).values({ name: 'b' });
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
    expect(code).toBe('SCAN_BUDGET_EXCEEDED');
  });

  it('transactionBudget { bytesRead: 600,000 }: never more than 600,000 bytes read without the typed error', async () => {
    const { code, bytesRead } = await run(true, { bytesRead: 600_000 });
    expect({ code, bytesRead, past: bytesRead > 600_000 && code === 'NONE' }).toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
      past: false,
    });
  });
});

/**
 * The sizes forgotten when Convex refuses the raw write are not enough: one the ORM reads after the
 * refusal (here in the same hook, with no sync between, as nothing nears the budget) may be changed
 * by the caller's own write before the next sync, which that refused write hides as above. The
 * next sync asked after a refusal forgets the sizes too.
 */
describe('a raw delete of a document the caller grew after the ORM read it, after a raw write Convex refused', () => {
  it("Convex's limit of 1,500,000 bytes read: the delete fails typed", async () => {
    const t = limitedBackend({ bytesRead: 1_500_000 });
    const blobId: string = await t.run((ctx) => ctx.db.insert('blobs', { body: 'small' }));
    const bigId: string = await t.run((ctx) => ctx.db.insert('blobs', { body: filler(800_000) }));
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (change, hookCtx) => {
            const ctx = hookCtx as unknown as HookCtx;
            if ((change as any).new?.name === 'a') {
              try {
                await ctx.raw.insert('blobs', { body: 42 });
              } catch {}
              // The ORM reads the blob after the refusal: a few bytes, remembered exactly.
              await ctx.db
                .select()
                .from(blobs)
                .where(eq(blobs._id, blobId as never));
            } else {
              await ctx.raw.delete(blobId);
            }
          },
        },
      }),
    });
    const code = await t
      .run(async (ctx) => {
        const db = orm.db(ctx as never);
        await db.insert(folders).values({ name: 'a' });
        await ctx.db.patch(blobId as never, { body: filler(700_000) }); // the caller grows it
        await ctx.db.get(bigId as never); // and reads 800,000 bytes
        try {
          await db.insert(folders).values({ name: 'b' });
        } catch (error) {
          return (error as { code?: string }).code ?? `NOT_AN_ORM_ERROR: ${(error as Error).message.slice(0, 80)}`;
        }
        return 'NONE';
      })
      .catch((error: Error) => `NOT_AN_ORM_ERROR: ${error.message.slice(0, 80)}`);
    expect(code).toBe('SCAN_BUDGET_EXCEEDED');
  });
});
