import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers, ne } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

type HookCtx = { raw: any; db: any };
type Change = { id: string };

/**
 * An after-hook that patches, through ctx.raw, the row the statement has just written. The ORM
 * knows that row's size (the statement reserved it: the inserted values' size, or the patched
 * row's) and remembers it once the row is written (KnownDocuments.written), so each patch is
 * reserved at the row's size plus the patch's: the statement's own sync is the only call, as for a
 * patch of a row the hook read first (raw.get, then raw.patch). Before, nothing of the row was
 * remembered (an update forgot the size it read), each patch was reserved as one of a document
 * never read (1 MiB read and 1 MiB written), and the hook asked Convex for the transaction's
 * metrics once in 14 rows.
 */
describe('getTransactionMetrics() calls of an after-hook patching the row just written', () => {
  /** The calls `statement` makes on a metered db whose folders' `hook` patches each row raw, with 1,000 folders stored first when `seeded`. */
  async function syncsOf(
    hook: 'afterInsert' | 'afterUpdate',
    seeded: boolean,
    statement: (db: any) => Promise<unknown>,
  ) {
    const t = limitedBackend();
    if (seeded) {
      await t.run(async (ctx) => {
        for (let i = 0; i < 1_000; i++) await ctx.db.insert('folders', { name: `f${i}` });
      });
    }
    const orm = createOrm({
      relations,
      triggers: defineTriggers(relations, {
        folders: {
          [hook]: async (change: Change, hookCtx: unknown) => {
            await (hookCtx as HookCtx).raw.patch(change.id, { name: 'patched' });
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
        await statement(orm.db({ ...ctx, meta } as never));
        return 'NONE';
      } catch (error) {
        return (error as { code?: string }).code ?? 'NOT_AN_ORM_ERROR';
      }
    });
    return { outcome, syncs };
  }

  it("a 1,000-row insert of small rows: the statement's own call only, not one per 14 rows", async () => {
    const result = await syncsOf('afterInsert', false, (db) =>
      db.insert(folders).values(Array.from({ length: 1_000 }, (_, i) => ({ name: `f${i}` }))),
    );
    // Before: 72 (the statement's own, then one per 14 patches of ~60-byte rows).
    expect(result).toEqual({ outcome: 'NONE', syncs: 1 });
  }, 60_000);

  it("a 1,000-row update of small rows: the statement's own call only, not one per 14 rows", async () => {
    const result = await syncsOf('afterUpdate', true, (db) =>
      db.update(folders).set({ name: 'renamed' }).where(ne(folders.name, 'none')),
    );
    expect(result).toEqual({ outcome: 'NONE', syncs: 1 });
  }, 60_000);
});
