import { describe, expect, it } from 'vitest';
import { createMutationApi } from '../../src/index';
import { limitedBackend, notes, orm } from './limitsFixture';
import { rejection } from './mutationHarness';

// createMutationApi given the mutation's ctx counts what the function wrote before through raw
// ctx.db (ctx.meta), as orm.db(ctx) does; given ctx.db alone it cannot.
describe('createMutationApi(ctx): the write check includes the caller’s raw writes', () => {
  it('after 8 raw writes of 10 allowed, a 5-row insert fails typed and writes nothing', async () => {
    const t = limitedBackend({ documentsWritten: 10 });
    const out = await t.run(async (ctx) => {
      for (let i = 0; i < 8; i++) await ctx.db.insert('notes', { title: `raw${i}`, body: null });
      const api = createMutationApi(ctx, orm.schema);
      const error = await rejection(
        api.insert(notes).values(Array.from({ length: 5 }, (_, i) => ({ title: `orm${i}`, body: null }))),
      );
      const rows = await ctx.db.query('notes').collect();
      return { code: error.code, written: rows.filter((row) => row.title.startsWith('orm')).length };
    });
    expect(out).toEqual({ code: 'WRITE_BUDGET_EXCEEDED', written: 0 });
  });

  it('within the limit it writes through ctx as through ctx.db', async () => {
    const t = limitedBackend({ documentsWritten: 10 });
    const written = await t.run(async (ctx) => {
      await createMutationApi(ctx, orm.schema).insert(notes).values({ title: 'a', body: null });
      await createMutationApi(ctx.db, orm.schema).insert(notes).values({ title: 'b', body: null });
      return (await ctx.db.query('notes').collect()).map((row) => row.title);
    });
    expect(written).toEqual(['a', 'b']);
  });
});
