import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  defineTriggers,
  eq,
  text,
  unique,
} from '../../src/index';

// An upsert's update branch whose beforeUpdate hook writes rows of the upsert's own table: the rows after it
// must see the table as the hook left it (Postgres runs the BEFORE UPDATE trigger, and its writes, before the
// next proposed row is judged). Each scenario runs with per-row key lookups (default budget) and with the keys
// read ahead as one span (a small index-range budget and 40 filler rows).
const items = convexTable(
  'items',
  { code: text().notNull().unique(), tag: text().unique(), a: text(), b: text(), note: text() },
  (t) => [unique('items_ab').on(t.a, t.b).nullsNotDistinct()],
);
const schema = defineSchema({ items });
const relations = defineRelations({ items });

type Hook = (ctx: any) => Promise<void>;
const hooks: Record<string, Hook> = {
  // Deletes H (tag T) through the ORM: tag T is free after it.
  deleteHolder: async (ctx) => {
    await ctx.db.delete(items).where(eq(items.code, 'h'));
  },
  // Moves H from tag T to tag U through the ORM.
  moveHolder: async (ctx) => {
    await ctx.db.update(items).set({ tag: 'U' }).where(eq(items.code, 'h'));
  },
  // Moves H from tag T to tag U with a raw patch by id alone (no table named).
  rawPatchById: async (ctx) => {
    const h = await ctx.raw
      .query('items')
      .withIndex('code_unique', (q: any) => q.eq('code', 'h'))
      .unique();
    await ctx.raw.patch(h._id, { tag: 'U' });
  },
  // Inserts code C (a later proposed row's target key) raw, not awaited.
  rawInsertNotAwaited: async (ctx) => {
    void ctx.raw.insert('items', { code: 'c', tag: 'hooked', note: 'hook' });
  },
  // Moves H's (a, b) from (null, null) to (p, q) through the ORM (nullsNotDistinct).
  moveNullKey: async (ctx) => {
    await ctx.db.update(items).set({ a: 'p', b: 'q' }).where(eq(items.code, 'h'));
  },
};

function backend(hook: Hook, indexRanges?: number) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const orm = createOrm({
    relations,
    ...(indexRanges ? { transactionBudget: { indexRanges } } : {}),
    triggers: defineTriggers(relations, {
      items: {
        beforeUpdate: async ({ old, new: next }, ctx) => {
          if (old.code === 'x') await hook(ctx);
          return next;
        },
      },
    }),
  });
  return { t, orm };
}

async function run(hook: Hook, spanned: boolean, proposed: Record<string, unknown>[]) {
  const { t, orm } = backend(hook, spanned ? 30 : undefined);
  await t.run(async (ctx) => {
    await ctx.db.insert('items', { code: 'x', tag: 't1', a: 'x' });
    await ctx.db.insert('items', { code: 'h', tag: 'T' });
  });
  const fillers = spanned ? Array.from({ length: 40 }, (_, i) => ({ code: `f${i}`, tag: `f${i}`, a: `f${i}` })) : [];
  const outcome = await t.run(async (ctx) => {
    try {
      await orm
        .db(ctx as never)
        .insert(items)
        .values([...proposed.map((row) => ({ a: row.code, ...row })), ...fillers] as never)
        .onConflictDoUpdate({ target: items.code, set: { note: 'updated' } });
      return 'ok';
    } catch (error) {
      return `${(error as { code?: string }).code ?? ''} ${String((error as Error).message).slice(0, 160)}`;
    }
  });
  const rows = await t.run((ctx) => ctx.db.query('items').collect());
  const slim = rows
    .filter((row) => !row.code.startsWith('f'))
    .map((row) => ({ code: row.code, tag: row.tag ?? null, a: row.a ?? null, note: row.note ?? null }))
    .sort((p, q) => p.code.localeCompare(q.code));
  return { outcome, rows: slim };
}

describe.each([
  ['per-row lookups', false],
  ['span read ahead', true],
])('upsert update-branch hook writing its own table (%s)', (_, spanned) => {
  it('a key the hook freed (ORM delete) is free for a later row', async () => {
    const out = await run(hooks.deleteHolder!, spanned, [{ code: 'x' }, { code: 'n', tag: 'T' }]);
    expect(out.outcome).toBe('ok');
    expect(out.rows.map((r) => [r.code, r.tag])).toEqual([
      ['n', 'T'],
      ['x', 't1'],
    ]);
  });

  it('a key the hook moved a row to (ORM update) is taken for a later row; the old one is free', async () => {
    const freed = await run(hooks.moveHolder!, spanned, [{ code: 'x' }, { code: 'n', tag: 'T' }]);
    expect(freed.outcome).toBe('ok');
    const taken = await run(hooks.moveHolder!, spanned, [{ code: 'x' }, { code: 'n', tag: 'U' }]);
    expect(taken.outcome).toMatch(/^UNIQUE_VIOLATION/);
  });

  it('a raw patch by id alone moving a row: the new key is taken, the old one free', async () => {
    const freed = await run(hooks.rawPatchById!, spanned, [{ code: 'x' }, { code: 'n', tag: 'T' }]);
    expect(freed.outcome).toBe('ok');
    const taken = await run(hooks.rawPatchById!, spanned, [{ code: 'x' }, { code: 'n', tag: 'U' }]);
    expect(taken.outcome).toMatch(/^UNIQUE_VIOLATION/);
  });

  it("a raw insert the hook did not await, of a later row's target key: that row updates it", async () => {
    const out = await run(hooks.rawInsertNotAwaited!, spanned, [{ code: 'x' }, { code: 'c', tag: 'mine' }]);
    expect(out.outcome).toBe('ok');
    expect(out.rows.find((r) => r.code === 'c')).toEqual({ code: 'c', tag: 'hooked', a: null, note: 'updated' });
  });

  it('nullsNotDistinct: the hook moving H off (null, null) frees it; onto (p, q) takes it', async () => {
    // H holds (a, b) = (null, null) before the hook.
    const freed = await run(hooks.moveNullKey!, spanned, [{ code: 'x' }, { code: 'n', a: null, b: null }]);
    expect(freed.outcome).toBe('ok');
    const taken = await run(hooks.moveNullKey!, spanned, [{ code: 'x' }, { code: 'n', a: 'p', b: 'q' }]);
    expect(taken.outcome).toMatch(/^UNIQUE_VIOLATION/);
  });
});
