// docs/mutations.md "Limits": everything a statement writes is checked before its first write
// (each patched document as it will be: VALIDATION with `details: { documentBytes, limit }`). An
// upsert resolves its rows one by one, so: a multi-row upsert whose second row takes the do-update
// branch and grows the stored row past Convex's 1 MiB is refused before the first row's insert is
// written, and a caller who catches the error goes on with the budget unused.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, json, text } from '../../src/index';

const MiB = 1 << 20;
const notes = convexTable('notes', { key: text().notNull().unique(), pad: text(), body: json<unknown>() });
const tables = { notes };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });

describe('a multi-row upsert whose update branch grows a row past 1 MiB writes nothing', () => {
  it('VALIDATION before the first write; caught, the mutation goes on', async () => {
    const t = convexTest({ schema, modules, transactionLimits: true });
    await t.run((ctx) => ctx.db.insert('notes', { key: 'big', pad: 'x'.repeat(MiB - 200), body: null }));
    const { error, after } = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      let error: { code: string; table: string; details: unknown } | null = null;
      try {
        await db
          .insert(notes)
          .values([{ key: 'new' }, { key: 'big' }])
          .onConflictDoUpdate({ target: notes.key, set: { body: 'y'.repeat(500) } })
          .returning();
      } catch (e: any) {
        error = { code: e.code, table: e.table, details: e.details };
      }
      await db.insert(notes).values({ key: 'later' });
      const rows = await ctx.db.query('notes').collect();
      return { error, after: rows.map((row) => [row.key, row.body]).sort() };
    });
    expect(error).toMatchObject({ code: 'VALIDATION', table: 'notes', details: { limit: MiB } });
    expect(after).toEqual([
      ['big', null],
      ['later', null],
    ]);
  });
});
