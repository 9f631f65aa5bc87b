// A merge of several index ranges reads the head of each before its first row, and then one row
// ahead in each range but the one it hands a row from. The scan budget counts those rows as they
// are read (and not again as they are handed over), so a page or a findMany reads at most the
// budget, and one read more that throws: an in-list of 40 values under scanBudget 10 read 41
// documents and returned.
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { orm, schema } from './pagesFixture';

const statuses = Array.from({ length: 40 }, (_, i) => `s${i}`);
const where = { status: { in: statuses } } as const;

async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 80; i++) await ctx.db.insert('items', { status: statuses[i % 40]!, rank: i, flag: false });
  });
  return t;
}

type Db = ReturnType<typeof orm.db>;

/** What `read` returned (rows) or threw (its code), and the documents it read. */
async function outcome(t: Awaited<ReturnType<typeof seeded>>, read: (db: Db) => Promise<unknown[]>) {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    try {
      return { rows: (await read(orm.db(ctx))).length, documents: reads.documents };
    } catch (error) {
      return { code: (error as { code?: string }).code, documents: reads.documents };
    }
  });
}

describe('a merge of 40 ranges (an in-list of 40 values) and the scan budget', () => {
  it('under scanBudget 10: a page and a findMany are SCAN_BUDGET_EXCEEDED at the 11th head read', async () => {
    const t = await seeded();
    const options = { where, orderBy: { rank: 'asc' }, scanBudget: 10 } as const;
    expect(
      await outcome(t, async (db) => (await db.query.items.paginate({ numItems: 2, cursor: null }, options)).page),
    ).toEqual({ code: 'SCAN_BUDGET_EXCEEDED', documents: 11 });
    expect(await outcome(t, (db) => db.query.items.findMany({ ...options, limit: 2 }))).toEqual({
      code: 'SCAN_BUDGET_EXCEEDED',
      documents: 11,
    });
  });

  it('under scanBudget 45: they run, reading no more than the budget', async () => {
    const t = await seeded();
    const options = { where, orderBy: { rank: 'asc' }, scanBudget: 45 } as const;
    const page = await outcome(
      t,
      async (db) => (await db.query.items.paginate({ numItems: 2, cursor: null }, options)).page,
    );
    expect(page).toMatchObject({ rows: 2 });
    expect(page.documents).toBeLessThanOrEqual(45);
    const found = await outcome(t, (db) => db.query.items.findMany({ ...options, limit: 2 }));
    expect(found).toMatchObject({ rows: 2 });
    expect(found.documents).toBeLessThanOrEqual(45);
  });
});
