/**
 * The bytes case of pageAtExactReadLimit.test.ts: with exactly nothing
 * left of Convex's bytesRead limit in force (the caller's own reads used it up), a page still reads
 * one document at most (docs/queries.md, "a page too, reading one document at most, so a page of an
 * empty range is served"): a page of an empty table is served empty and done, as Convex serves its
 * own `.paginate()`; a page that reads a document past the limit fails with the typed
 * SCAN_BUDGET_EXCEEDED (budget 'bytesRead'), not Convex's error.
 */
import { expect, it } from 'vitest';
import { filler, limitedBackend, orm } from './limitsFixture';

const body = 1_000;
// A document: _id (38) + _creationTime (23) + the object's 2 + "body" field (5 + 2 + body).
const docBytes = 2 + 38 + 23 + 5 + 2 + body;

it('a page of an empty table at exactly the bytes limit is served empty and done', async () => {
  const t = limitedBackend({ bytesRead: 3 * docBytes });
  await t.run(async (ctx) => {
    for (let i = 0; i < 3; i++) await ctx.db.insert('blobs', { body: filler(body) });
  });
  const raw = await t.run(async (ctx) => {
    await ctx.db.query('blobs').collect();
    const p = await ctx.db.query('notes').paginate({ numItems: 10, cursor: null });
    return { rows: p.page.length, isDone: p.isDone };
  });
  const page = await t.run(async (ctx) => {
    await ctx.db.query('blobs').collect();
    return orm
      .db(ctx)
      .query.notes.paginate({ numItems: 10, cursor: null })
      .then(
        (p) => ({ rows: p.page.length, isDone: p.isDone }),
        (error: { code?: string }) => ({ error: error.code ?? String(error) }),
      );
  });
  expect({ raw, page }).toEqual({ raw: { rows: 0, isDone: true }, page: { rows: 0, isDone: true } });
});

it('a page reading a document past the bytes limit fails typed', async () => {
  const t = limitedBackend({ bytesRead: 3 * docBytes });
  await t.run(async (ctx) => {
    for (let i = 0; i < 3; i++) await ctx.db.insert('blobs', { body: filler(body) });
    await ctx.db.insert('notes', { title: 'n', body: 1 });
  });
  const outcome = await t.run(async (ctx) => {
    await ctx.db.query('blobs').collect();
    return orm
      .db(ctx)
      .query.notes.paginate({ numItems: 10, cursor: null })
      .then(
        (p) => `served ${p.page.length}`,
        (error: { code?: string; details?: { budget?: string } }) => `${error.code} ${error.details?.budget}`,
      );
  });
  expect(outcome).toBe('SCAN_BUDGET_EXCEEDED bytesRead');
});
