// A beforeUpdate hook's values may repeat the row's own `_id` / `_creationTime` (a spread of `old`
// or `new`), which are left out, as in set(); another value (a spread of another row, a changed
// `_creationTime`) is VALIDATION before the first write, as set()'s is, not dropped silently with
// the other row's columns written. The upsert's update branch runs the same hook.
import { describe, expect, it } from 'vitest';
import { eq } from '../../src/index';
import { backend, codeOf, items } from './hookedItems';

describe("a beforeUpdate hook returning system fields other than the row's own", () => {
  it('spreading another row (its _id) is VALIDATION, as set({ ...otherRow }) is; nothing is written', async () => {
    const { run } = backend({
      items: {
        beforeUpdate: async ({ id }, ctx) => {
          const other = await ctx.db.query.items.findFirst({ where: { _id: { ne: id } } });
          // Keeps this row's name (no unique clash): only the spread _id / _creationTime are another row's.
          return { ...other!, name: 'a', n: 5 };
        },
      },
    });
    const out = await run(async (db, ctx) => {
      await ctx.db.insert('items', { name: 'a', n: 0 });
      await ctx.db.insert('items', { name: 'b', n: 1 });
      const code = await codeOf(db.update(items).set({ n: 3 }).where(eq(items.name, 'a')));
      const a = await ctx.db
        .query('items')
        .filter((q: any) => q.eq(q.field('name'), 'a'))
        .first();
      return { code, n: a.n };
    });
    expect(out).toEqual({ code: 'VALIDATION', n: 0 });
  });

  it('a changed _creationTime is VALIDATION, as in set(); nothing is written', async () => {
    const { run } = backend({ items: { beforeUpdate: () => ({ _creationTime: 1, n: 5 }) as never } });
    const out = await run(async (db, ctx) => {
      await ctx.db.insert('items', { name: 'a', n: 0 });
      const code = await codeOf(db.update(items).set({ n: 3 }).where(eq(items.name, 'a')));
      return { code, n: (await ctx.db.query('items').first()).n };
    });
    expect(out).toEqual({ code: 'VALIDATION', n: 0 });
  });

  it('the update branch of onConflictDoUpdate likewise', async () => {
    const { run } = backend({ items: { beforeUpdate: () => ({ _creationTime: 1, n: 5 }) as never } });
    const out = await run(async (db, ctx) => {
      await ctx.db.insert('items', { name: 'a', n: 0 });
      const code = await codeOf(
        db
          .insert(items)
          .values({ name: 'a' })
          .onConflictDoUpdate({ target: items.name, set: { n: 3 } }),
      );
      return { code, n: (await ctx.db.query('items').first()).n };
    });
    expect(out).toEqual({ code: 'VALIDATION', n: 0 });
  });

  it("control: spreading the row's own old/new stays allowed", async () => {
    const { run } = backend({ items: { beforeUpdate: ({ new: next }) => ({ ...next, n: 5 }) } });
    const out = await run(async (db, ctx) => {
      await ctx.db.insert('items', { name: 'a', n: 0 });
      const code = await codeOf(db.update(items).set({ n: 3 }).where(eq(items.name, 'a')));
      return { code, n: (await ctx.db.query('items').first()).n };
    });
    expect(out).toEqual({ code: 'ok', n: 5 });
  });
});
