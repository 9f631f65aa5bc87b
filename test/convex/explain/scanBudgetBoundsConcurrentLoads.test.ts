// Relation loads run up to 64 at a time, and the scan budget charged each document only once it
// was read, with nothing holding the loads in flight back: a page under scanBudget 80 read 95
// documents before it split, and findMany under 40 read 55 before it threw. Each document read is
// now reserved on the budget before it starts (ReadBudget.reserve), so the reads in flight never
// hold more than is left: a query reads at most its budget, and the one read that finds it spent.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../../example/convex/test.setup';
import { countReads } from '../../../src/testing/index';
import { plain, schema } from './fixture';

/** 40 items of one status (rank 0..39), each with 3 notes and an owner of its own. */
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    for (let i = 0; i < 40; i++) {
      const ownerId = await ctx.db.insert('owners', { name: `o${i}`, tenant: 'acme/x' });
      const itemId = await ctx.db.insert('items', { tenant: 'acme/x', status: 'a', rank: i, name: `n${i}`, ownerId });
      for (let j = 0; j < 3; j++) await ctx.db.insert('notes', { itemId, score: j, tenant: 'acme/x' });
    }
  });
  return t;
}

const config = { where: { status: 'a' as const }, orderBy: { rank: 'asc' as const }, with: { notes: true as const } };

describe('the scan budget explain() states bounds the documents a query reads', () => {
  it('a page with a with-load reads at most scanBudget (+1) documents', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = plain.db(ctx).query.items.paginate({ numItems: 40, cursor: null }, { ...config, scanBudget: 80 });
      const explained = query.explain();
      const page = await query;
      return { scanBudget: explained.scanBudget, status: page.pageStatus, reads: { ...reads } };
    });
    expect(out.scanBudget).toBe(80);
    expect(out.status).toBe('SplitRequired');
    // Was 95 documents (15 past the budget), the page returned as if within it.
    expect(out.reads.documents).toBeLessThanOrEqual(80 + 1);
  });

  it('findMany with a with-load that runs out reads at most scanBudget (+1) documents before it throws', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = plain.db(ctx).query.items.findMany({ ...config, scanBudget: 40 });
      const explained = query.explain();
      const code = await query.then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
      return { scanBudget: explained.scanBudget, code, reads: { ...reads } };
    });
    expect(out.scanBudget).toBe(40);
    expect(out.code).toBe('SCAN_BUDGET_EXCEEDED');
    // Was 55 documents (40 items, then one note per item load in flight: 15 past the budget).
    expect(out.reads.documents).toBeLessThanOrEqual(40 + 1);
  });

  it('loads by id (db.get per parent) are held back too', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = plain.db(ctx).query.items.findMany({ ...config, with: { owner: true }, scanBudget: 50 });
      const code = await query.then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );
      return { code, reads: { ...reads } };
    });
    expect(out.code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(out.reads.documents).toBeLessThanOrEqual(50 + 1);
  });

  it('a query whose reads fit the budget exactly reads them all at once and returns', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await plain.db(ctx).query.items.findMany({ ...config, scanBudget: 40 + 3 * 40 });
      return { rows: rows.length, notes: rows.reduce((n, row) => n + row.notes.length, 0), reads: { ...reads } };
    });
    expect(out).toEqual({ rows: 40, notes: 120, reads: { documents: 160, ranges: 41 } });
  });
});
