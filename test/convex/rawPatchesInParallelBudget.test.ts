import type { GenericId } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { createOrm, defineTriggers } from '../../src/index';
import { folders, limitedBackend, relations } from './limitsFixture';

type Backend = ReturnType<typeof limitedBackend>;
type Ctx = Parameters<Parameters<Backend['run']>[0]>[0];
type Hook = (ctx: { raw: Ctx['db'] }) => Promise<void>;

const hooked = (hook: Hook) =>
  createOrm({
    relations,
    triggers: defineTriggers(relations, { folders: { afterInsert: (_change, ctx) => hook(ctx as never) } }),
  });

async function insertNotes(t: Backend, count: number): Promise<GenericId<'notes'>[]> {
  return t.run(async (ctx) => {
    const ids: GenericId<'notes'>[] = [];
    for (let i = 0; i < count; i++) ids.push(await ctx.db.insert('notes', { title: 'n', body: 'x' }));
    return ids;
  });
}

function insertFolder(t: Backend, orm: ReturnType<typeof hooked>) {
  return t.run(async (ctx) => {
    const db = orm.db(ctx);
    try {
      await db.insert(folders).values({ name: 'f' });
      return null;
    } catch (error) {
      const { code = 'NOT_AN_ORM_ERROR', message } = error as { code?: string; message: string };
      return { code, message };
    }
  });
}

// docs/triggers.md: "1,000 small patches ... of documents it never read ask about once in 14
// patches": the estimates (1 MiB read and written per patch) are corrected by a sync. The same
// patches made at once (Promise.all, the usual Convex idiom) are 40 patches of ~100-byte documents:
// about 4 KiB read and written, far under every limit.
describe("a hook's raw patches made in parallel are not refused for their estimates", () => {
  it('Promise.all of 40 raw patches of small documents the hook never read: all made', async () => {
    const t = limitedBackend();
    const ids = await insertNotes(t, 40);
    const orm = hooked(async (ctx) => {
      await Promise.all(ids.map((id) => ctx.raw.patch(id, { title: 'patched' })));
    });
    // Observed: the 16th patch (15 x 1 MiB reserved; the 15th started a sync, which cleared the
    // "raw writes since the last sync" flag while it was pending) is refused without a sync:
    // WRITE_BUDGET_EXCEEDED for bytesWritten.
    expect(await insertFolder(t, orm)).toBeNull();
    const titles = await t.run(async (ctx) => (await ctx.db.query('notes').collect()).map((n) => n.title));
    expect(titles).toEqual(ids.map(() => 'patched'));
  });

  it('Promise.all of 40 raw deletes of small documents the hook never read: all made', async () => {
    const t = limitedBackend();
    const ids = await insertNotes(t, 40);
    const orm = hooked(async (ctx) => {
      await Promise.all(ids.map((id) => ctx.raw.delete(id)));
    });
    expect(await insertFolder(t, orm)).toBeNull();
    expect(await t.run(async (ctx) => (await ctx.db.query('notes').collect()).length)).toBe(0);
  });
});

describe("a hook's reads made in parallel after raw patches", () => {
  it('12 raw patches of unread notes, then Promise.all of 20 raw gets: all read', async () => {
    const t = limitedBackend();
    const ids = await insertNotes(t, 32);
    const read: { count?: number } = {};
    const orm = hooked(async (ctx) => {
      for (const id of ids.slice(0, 12)) await ctx.raw.patch(id, { title: 'patched' });
      const notes = await Promise.all(ids.slice(12).map((id) => ctx.raw.get(id)));
      read.count = notes.filter((note) => note !== null).length;
    });
    expect(await insertFolder(t, orm)).toBeNull();
    expect(read.count).toBe(20);
  });
});
