import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };

/**
 * An afterInsert that patches, through ctx.raw, the row the statement has just inserted. The ORM
 * knows that row's size (the statement reserved it: documentSize of the values it wrote), yet the
 * meter records nothing of it (KnownDocuments learns sizes only from reads and raw writes), so each
 * patch is reserved as one of a document never read: 1 MiB read and 1 MiB written, and the hook
 * asks Convex for the transaction's metrics once in 14 rows. A patch of a row the hook read first
 * (raw.get, then raw.patch) makes 1 call for the same 1,000 rows.
 */
describe('getTransactionMetrics() calls of an afterInsert patching the row just inserted', () => {
  it('a 1,000-row insert of small rows: a few calls, not one per 14 rows', async () => {
    const t = limitedBackend();
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (change, hookCtx) => {
            const ctx = hookCtx as unknown as HookCtx;
            await ctx.raw.patch((change as { id: string }).id, { name: 'named' });
          },
        },
      }),
    });
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
        await (orm.db({ ...ctx, meta } as never) as any)
          .insert(folders)
          .values(Array.from({ length: 1_000 }, (_, i) => ({ name: `f${i}` })));
        return 'NONE';
      } catch (error) {
        return (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR';
      }
    });
    expect(outcome).toBe('NONE');
    // Observed: 72 (the statement's own, then one per 14 patches of ~60-byte rows).
    expect(syncs).toBeLessThanOrEqual(10);
  }, 60_000);
});
