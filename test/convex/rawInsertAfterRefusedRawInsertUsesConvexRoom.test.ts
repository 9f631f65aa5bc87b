import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };

// 7a86aa3: a raw write Convex refused stays reserved on the meter and no longer marks its counts as
// estimates, "an over-count on the safe side until the next sync". But inside a hook nothing syncs
// after exact raw writes (inserts): the phantom document stays counted for the rest of the hook, and a
// raw insert Convex has room for is refused WRITE_BUDGET_EXCEEDED. Convex's limit here is 6 documents
// written; the statement's row is 1, the refused insert is 0 (Convex counts nothing for it), so the hook
// may make 5 raw inserts. The meter refuses the 5th (Convex then reports 5 used, 1 remaining). A refused
// raw patch (an estimate) gets all 5, as the meter syncs before refusing it.
describe('raw inserts after a raw insert Convex refused (caught by the hook), at a low documentsWritten limit', () => {
  it("can use Convex's whole limit: 5 raw inserts besides the statement's row under a limit of 6", async () => {
    const t = limitedBackend({ documentsWritten: 6 });
    const log: string[] = [];
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          afterInsert: async (_change, hookCtx) => {
            const ctx = hookCtx as unknown as HookCtx;
            try {
              await ctx.raw.insert('blobs', { body: 42 }); // refused by the schema's validator
            } catch {
              // the hook goes on
            }
            for (let i = 0; i < 5; i++) {
              try {
                await ctx.raw.insert('blobs', { body: 'x' });
                log.push('ok');
              } catch (error) {
                log.push((error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR');
                break;
              }
            }
          },
        },
      }),
    });
    const written = await t.run(async (ctx) => {
      await orm
        .db(ctx as never)
        .insert(folders)
        .values({ name: 'a' });
      return (await (ctx as any).meta.getTransactionMetrics()).documentsWritten.used as number;
    });
    expect(log).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(written).toBe(6);
  });
});
