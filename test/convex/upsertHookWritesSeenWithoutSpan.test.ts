import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, defineTriggers, text } from '../../src/index';

// RowsSoFar.refresh no longer reads back the rows a hook wrote when no span was read ahead: later
// rows must still see them (a key the hook took is held, one it freed is free), as Postgres's
// row-by-row ON CONFLICT sees a trigger's writes.
const items = convexTable('items', { code: text().notNull().unique(), note: text() });
const schema = defineSchema({ items });
const relations = defineRelations({ items });

function backend(hook: (ctx: any) => Promise<void>) {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const orm = createOrm({
    relations,
    triggers: defineTriggers(relations, {
      items: {
        beforeUpdate: async ({ old, new: next }, ctx) => {
          if (old.code === 'a') await hook(ctx);
          return next;
        },
      },
    }),
  });
  return { t, orm };
}

const upsert = (orm: ReturnType<typeof createOrm>, ctx: any) =>
  orm
    .db(ctx)
    .insert(items)
    .values([{ code: 'a' }, { code: 'b' }])
    .onConflictDoUpdate({ target: items.code, set: { note: 'updated' } });

describe("an upsert's later rows see what a hook of an earlier row wrote to its table (no span)", () => {
  it("a key the hook took: the later row updates the hook's row", async () => {
    const { t, orm } = backend((ctx) => ctx.raw.insert('items', { code: 'b', note: 'hook' }));
    await t.run((ctx) => ctx.db.insert('items', { code: 'a' }));
    await t.run((ctx) => upsert(orm, ctx));
    const rows = await t.run((ctx) => ctx.db.query('items').collect());
    expect(rows.map((row) => [row.code, row.note ?? null]).sort()).toEqual([
      ['a', 'updated'],
      ['b', 'updated'],
    ]);
  });

  it('a key the hook freed: the later row is inserted', async () => {
    const { t, orm } = backend(async (ctx) => {
      const row = (await ctx.raw.query('items').collect()).find((r: any) => r.code === 'b');
      await ctx.raw.delete(row._id);
    });
    await t.run(async (ctx) => {
      await ctx.db.insert('items', { code: 'a' });
      await ctx.db.insert('items', { code: 'b', note: 'old' });
    });
    await t.run((ctx) => upsert(orm, ctx));
    const rows = await t.run((ctx) => ctx.db.query('items').collect());
    expect(rows.map((row) => [row.code, row.note ?? null]).sort()).toEqual([
      ['a', 'updated'],
      ['b', null],
    ]);
  });
});
