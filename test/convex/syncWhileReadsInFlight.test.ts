import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { filler, folders, limitedBackend, relations } from './limitsFixture';

type Backend = ReturnType<typeof limitedBackend>;

const MiB = 1024 * 1024;

async function insertBlobs(t: Backend, count: number, bytes: number): Promise<GenericId<'blobs'>[]> {
  return t.run(async (ctx) => {
    const ids: GenericId<'blobs'>[] = [];
    for (let i = 0; i < count; i++) ids.push(await ctx.db.insert('blobs', { body: filler(bytes) }));
    return ids;
  });
}

type HookCtx = { raw: any; db: any };

function run(t: Backend, hook: (ctx: HookCtx) => Promise<void>, budget: Record<string, number>) {
  const orm = createOrm({
    relations,
    transactionBudget: budget,
    triggers: defineTriggers(relations, { folders: { afterInsert: (_change, ctx) => hook(ctx as never) } }),
  });
  return t.run(async (ctx) => {
    try {
      await orm.db(ctx).insert(folders).values({ name: 'f' });
      const used = await (ctx as any).meta.getTransactionMetrics();
      return { ok: true as const, bytesRead: used.bytesRead.used as number };
    } catch (error) {
      const {
        code = 'NOT_AN_ORM_ERROR',
        message,
        details,
      } = error as {
        code?: string;
        message: string;
        details?: unknown;
      };
      return { ok: false as const, code, message, details };
    }
  });
}

// A sync replaces what the meter had counted when it asked with Convex's report. A read sent before
// the ask and landing after it is in that report (Convex counts a read when it runs the syscall)
// and counted again by the meter when it lands. Which of the syscalls in flight Convex has run when
// it reports is not known, so the meter does not subtract them: counted twice is the safe side,
// where the typed error may come early, never late (docs/triggers.md, "Limits").
describe('a sync asked while reads are in flight', () => {
  it('hook: a raw patch estimated to leave less than a patch of the write budget, then Promise.all of 3 raw gets (800 KiB each) and an ORM query: counted twice, refused early', async () => {
    const t = limitedBackend();
    const ids = await insertBlobs(t, 3, 800 * 1024);
    const note = await t.run((ctx) => ctx.db.insert('notes', { title: 'n', body: null }));
    const result = await run(
      t,
      async (ctx) => {
        // A note the transaction never read, reserved at Convex's largest document (1 MiB) written of
        // a 2 MiB bytesWritten budget: an estimate, so the ORM query after it syncs first (a raw
        // insert, reserved at its exact size, would not make it sync).
        await ctx.raw.patch(note, { title: 'patched' });
        await Promise.all([...ids.map((id) => ctx.raw.get(id)), ctx.db.query.notes.findFirst()]);
      },
      { bytesRead: 4 * MiB, bytesWritten: 2 * MiB },
    );
    // ~2.4 MiB read in all (3 blobs, one note), within the budget; the 3 blobs in flight when the
    // query syncs are counted twice (in Convex's report, and as they land): about 4.9 MiB.
    expect(result).toMatchObject({ ok: false, code: 'SCAN_BUDGET_EXCEEDED', details: { budget: 'bytesRead' } });
    expect((result as { details?: { used: number } }).details?.used).toBeGreaterThan(2 * 3 * 800 * 1024);
  });
});
