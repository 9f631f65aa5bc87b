// A read whose documents take the transaction to exactly Convex's limit in force (a nested call's
// `transactionLimits`, a `transactionBudget` raised to Convex's limit, or what the caller's own
// ctx.db reads left) runs: the last pull finds the range's end, which reads no document, and
// Convex (and convex-test, whose tracker throws only when `documentsRead > limit` /
// `bytesRead > limit`, as the backend does) refuses only a read past its limit. The ORM's own scan
// budget lets that last read start too (src/query/budget.ts, ReadBudget.reserve), and a `db.get`
// at the limit works (test/convex/limits.test.ts 'documentsRead: 1 reads one document by id').
import { describe, expect, it } from 'vitest';
import { createOrm } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { filler, limitedBackend, orm, relations } from './limitsFixture';

describe('a read that ends exactly at the limit in force is not refused', () => {
  it('documentsRead: 20 (nested-call style limit), a 20-row table read to its end', async () => {
    const t = limitedBackend({ documentsRead: 20 });
    await t.run(async (ctx) => {
      for (let i = 0; i < 20; i++) await ctx.db.insert('notes', { title: `n${i}`, body: i });
    });
    // Convex itself runs the same read: 20 documents, then the end of the range.
    expect(await t.run(async (ctx) => (await ctx.db.query('notes').collect()).length)).toBe(20);
    const { rows, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const found = await orm.db(ctx).query.notes.findMany({ limit: 100 });
      return { rows: found.length, reads: { ...reads } };
    });
    expect(rows).toBe(20);
    expect(reads).toEqual({ documents: 20, ranges: 1 });
    // count() reads the same range.
    expect(await t.run((ctx) => orm.db(ctx).query.notes.count())).toBe(20);
  });

  it("what the caller's own reads left is used up exactly: 30 raw + 20 through the ORM of 50", async () => {
    const t = limitedBackend({ documentsRead: 50 });
    await t.run(async (ctx) => {
      for (let i = 0; i < 30; i++) await ctx.db.insert('blobs', { body: `b${i}` });
      for (let i = 0; i < 20; i++) await ctx.db.insert('notes', { title: `n${i}`, body: i });
    });
    const rows = await t.run(async (ctx) => {
      await ctx.db.query('blobs').collect(); // 30 documents
      return (await orm.db(ctx).query.notes.findMany({ limit: 100 })).length;
    });
    expect(rows).toBe(20);
  });

  it('a transactionBudget above the limit in force (capped at it) behaves the same (documentsRead)', async () => {
    const full = createOrm({ relations, transactionBudget: { documentsRead: 32_000 } });
    const t = limitedBackend({ documentsRead: 10 });
    await t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) await ctx.db.insert('notes', { title: `n${i}`, body: i });
    });
    expect(await t.run(async (ctx) => (await full.db(ctx).query.notes.findMany({ limit: 50 })).length)).toBe(10);
  });

  it('bytesRead: documents whose sizes add up to exactly the limit, read to the end of the range', async () => {
    const body = 300_000;
    // A document: _id (38) + _creationTime (23) + the object's 2 + "body" field (5 + 2 + body).
    const docBytes = 2 + 38 + 23 + 5 + 2 + body;
    const t = limitedBackend({ bytesRead: 2 * docBytes });
    await t.run(async (ctx) => {
      for (let i = 0; i < 2; i++) await ctx.db.insert('blobs', { body: filler(body) });
    });
    // Convex reads both and ends the range.
    expect(await t.run(async (ctx) => (await ctx.db.query('blobs').collect()).length)).toBe(2);
    expect(await t.run(async (ctx) => (await orm.db(ctx).query.blobs.findMany({ limit: 10 })).length)).toBe(2);
  });
});
