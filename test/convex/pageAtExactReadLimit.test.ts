/**
 * A page with the caller's own ctx.db reads at exactly Convex's documents limit in force still reads,
 * one document at most: a page of an empty range reads none and is served empty and done, as Convex
 * serves its own `.paginate()` and as `findMany` is (a read ending exactly at the limit runs); a page
 * that does read a document past the limit fails with the typed error, not Convex's.
 */
import { expect, it } from 'vitest';
import { limitedBackend, orm } from './limitsFixture';

it('a page of an empty table, with the caller at exactly the documents limit, is served as Convex serves it', async () => {
  const t = limitedBackend({ documentsRead: 5 });
  await t.run(async (ctx) => {
    for (let i = 0; i < 5; i++) await ctx.db.insert('blobs', { body: `b${i}` });
  });
  // Convex itself (one `.paginate()` per function, so in a function of its own).
  const raw = await t.run(async (ctx) => {
    await ctx.db.query('blobs').collect(); // 5 documents: exactly the limit
    const p = await ctx.db.query('notes').paginate({ numItems: 10, cursor: null });
    return { rows: p.page.length, isDone: p.isDone };
  });
  const result = await t.run(async (ctx) => {
    await ctx.db.query('blobs').collect(); // 5 documents: exactly the limit
    const findMany = (await orm.db(ctx).query.notes.findMany({ limit: 10 })).length;
    const page = await orm
      .db(ctx)
      .query.notes.paginate({ numItems: 10, cursor: null })
      .then(
        (p) => ({ rows: p.page.length, isDone: p.isDone }),
        (error: { code?: string }) => ({ error: error.code ?? String(error) }),
      );
    return { raw, findMany, page };
  });
  expect(result).toEqual({ raw: { rows: 0, isDone: true }, findMany: 0, page: { rows: 0, isDone: true } });
});

it('a page that would read a document past the limit fails typed', async () => {
  const t = limitedBackend({ documentsRead: 5 });
  await t.run(async (ctx) => {
    for (let i = 0; i < 5; i++) await ctx.db.insert('blobs', { body: `b${i}` });
    await ctx.db.insert('notes', { title: 'n', body: 1 });
  });
  const outcome = await t.run(async (ctx) => {
    await ctx.db.query('blobs').collect(); // 5 documents: exactly the limit
    return orm
      .db(ctx)
      .query.notes.paginate({ numItems: 10, cursor: null })
      .then(
        (p) => `served ${p.page.length}`,
        (error: { code?: string; details?: { budget?: string } }) => `${error.code} ${error.details?.budget}`,
      );
  });
  expect(outcome).toBe('SCAN_BUDGET_EXCEEDED documentsRead');
});
