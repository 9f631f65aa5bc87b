import { createOrm, defineRelations } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, defineSchema, id, index, integer, text } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';

// docs/queries.md (paginate): a page is never past the scan budget; when it stops early it is
// returned with pageStatus: 'SplitRequired' and the next page goes on from the last row read. The
// page's `with` loads spend the same budget as its rows: they are loaded as rows pass (in batches
// of 1, 2, 4, …), and when they run out the page ends at the last row whose relations were loaded,
// instead of throwing SCAN_BUDGET_EXCEEDED on every retry (usePaginatedQuery could never get past it).
const authors = convexTable('authors', { name: text().notNull() });
const items = convexTable(
  'items',
  { rank: integer().notNull(), flag: boolean().notNull(), authorId: id('authors').notNull() },
  (t) => [index('by_rank').on(t.rank), index('by_author_rank').on(t.authorId, t.rank)],
);
const tables = { authors, items };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  authors: { items: r.many.items({ from: r.authors._id, to: r.items.authorId }) },
  items: { author: r.one.authors({ from: r.items.authorId, to: r.authors._id, optional: false }) },
}));
const orm = createOrm({ relations });
const sealedOrm = createOrm({ relations, cursorSecret: CURSOR_SECRET });

type Page = { page: any[]; isDone: boolean; continueCursor: string; pageStatus?: string; splitCursor?: string };
type Options = { numItems: number; cursor: string | null; endCursor?: string };

async function backend(fill: (ctx: any) => Promise<void>) {
  const t = convexTest(schema, modules);
  await t.run(fill);
  const page = (table: 'items' | 'authors', options: Options, config: object, through = orm) =>
    t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = through.db(ctx).query[table] as any;
      const result = (await query.paginate(options, config)) as Page;
      return { ...result, reads: { ...reads } };
    });
  /** Every page from the first, as a client loading more would read them. */
  const walk = async (table: 'items' | 'authors', numItems: number, config: object, through = orm) => {
    const pages = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const next = await page(table, { numItems, cursor }, config, through);
      pages.push(next);
      cursor = next.continueCursor;
      if (next.isDone) return pages;
    }
    throw new Error('no end');
  };
  const all = (table: 'items' | 'authors', config: object) =>
    t.run((ctx) => (orm.db(ctx).query[table] as any).findMany(config) as Promise<any[]>);
  return { t, page, walk, all };
}

/** Authors with `perAuthor` items each, ranks in insertion order. */
const authorsWithItems = (count: number, perAuthor: number) => async (ctx: any) => {
  let rank = 0;
  for (let a = 0; a < count; a++) {
    const authorId = await ctx.db.insert('authors', { name: `author ${a}` });
    for (let i = 0; i < perAuthor; i++) await ctx.db.insert('items', { rank: rank++, flag: i % 2 === 0, authorId });
  }
};

describe('a page stopped by the scan budget, with relations', () => {
  it('comes back SplitRequired with its rows and their relations, not SCAN_BUDGET_EXCEEDED', async () => {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      const authorId = await ctx.db.insert('authors', { name: 'Ada' });
      // 1 row in 5 passes the residual filter.
      for (let rank = 0; rank < 50; rank++) await ctx.db.insert('items', { rank, flag: rank % 5 === 0, authorId });
    });
    const config = { where: { flag: true }, orderBy: { rank: 'asc' }, with: { author: true }, scanBudget: 10 } as const;
    const page = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.items.paginate({ numItems: 5, cursor: null }, config)
        .then(
          (result) => ({
            ranks: result.page.map((row) => row.rank),
            pageStatus: result.pageStatus,
            isDone: result.isDone,
          }),
          (error: { code?: string }) => ({ code: error.code }),
        ),
    );
    // The same page without `with` is { ranks: [0, 5], pageStatus: 'SplitRequired', isDone: false }.
    expect(page).toEqual({ ranks: [0, 5], pageStatus: 'SplitRequired', isDone: false });
  });

  it('every page of a walk stays within the budget, and the pages together are findMany (merged ranges, sealed cursors)', async () => {
    const { t, walk, all } = await backend(authorsWithItems(6, 8));
    const authorIds = await t.run(async (ctx) => (await ctx.db.query('authors').collect()).map((row) => row._id));
    // An `in` list: one range per author, merged on rank; the residual keeps 1 row in 2; each row's author is a db.get.
    const config = {
      where: { authorId: { in: authorIds.slice(0, 4) }, flag: true },
      orderBy: { rank: 'asc' },
      with: { author: { columns: { name: true } } },
    } as const;
    const expected = await all('items', config);
    for (const through of [orm, sealedOrm]) {
      const pages = await walk('items', 4, { ...config, scanBudget: 6 }, through);
      expect(pages.flatMap((p) => p.page)).toEqual(expected);
      expect(pages.some((p) => p.pageStatus === 'SplitRequired')).toBe(true);
      // The budget counts the rows the merge takes and their authors; the merge also reads one row ahead
      // in each of the 3 other ranges, and a db.get that arrives past the budget is dropped.
      for (const p of pages) expect(p.reads.documents).toBeLessThanOrEqual(6 + 3 + 1);
    }
  });

  it('relations that run out while the rows are shaped cut the page after the last row whose relations were loaded', async () => {
    // One range, no residual: Convex's .paginate() reads the 4 authors, then their items are loaded.
    const { page, walk, all } = await backend(authorsWithItems(6, 4));
    const config = { with: { items: { columns: { rank: true } } }, columns: { name: true } } as const;
    const first = await page('authors', { numItems: 4, cursor: null }, { ...config, scanBudget: 12 });
    // 4 authors, then author 0's 4 items (8 read), then authors 1 and 2 together (8 more) do not fit.
    expect(first).toMatchObject({
      page: [{ name: 'author 0', items: [{ rank: 0 }, { rank: 1 }, { rank: 2 }, { rank: 3 }] }],
      isDone: false,
      pageStatus: 'SplitRequired',
    });
    // 12 counted: the two ranges of the batch that ran out were in flight together, and each may have
    // handed over one document past the budget (dropped, as every read past the budget is).
    expect(first.reads.documents).toBeLessThanOrEqual(12 + 2);
    const next = await page('authors', { numItems: 4, cursor: first.continueCursor }, { ...config, scanBudget: 12 });
    expect(next.page[0]).toMatchObject({ name: 'author 1' });
    // The split halves (what usePaginatedQuery reads next) hold the page's rows.
    const half = await page('authors', { numItems: 4, cursor: null, endCursor: first.splitCursor! }, config);
    const otherHalf = await page(
      'authors',
      { numItems: 4, cursor: first.splitCursor!, endCursor: first.continueCursor },
      config,
    );
    expect([...half.page, ...otherHalf.page]).toEqual(first.page);
    const pages = await walk('authors', 4, { ...config, scanBudget: 12 });
    expect(pages.flatMap((p) => p.page)).toEqual(await all('authors', config));
  });

  it('one row whose relations alone pass the budget cannot be paged: SCAN_BUDGET_EXCEEDED', async () => {
    const { page } = await backend(authorsWithItems(2, 12));
    const config = { with: { items: true }, scanBudget: 10 } as const;
    await expect(page('authors', { numItems: 2, cursor: null }, config)).rejects.toMatchObject({
      code: 'SCAN_BUDGET_EXCEEDED',
    });
  });

  it('a page pinned by endCursor whose relations do not fit throws instead of coming back short', async () => {
    const { page } = await backend(authorsWithItems(4, 4));
    const config = { with: { items: true }, columns: { name: true } } as const;
    const first = await page('authors', { numItems: 4, cursor: null }, config);
    expect(first.page).toHaveLength(4);
    await expect(
      page('authors', { numItems: 4, cursor: null, endCursor: first.continueCursor }, { ...config, scanBudget: 12 }),
    ).rejects.toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED' });
  });
});

describe('a page under scarce index ranges', () => {
  // 40 writers of 2 notes each, ranked in an order unrelated to their ids, under 30 index ranges: 40
  // keys are more than half the ranges left, so a relation load reads one span over its keys.
  const writers = convexTable('writers', { rank: integer().notNull() }, (t) => [index('by_rank').on(t.rank)]);
  const notes = convexTable('notes', { writerId: id('writers').notNull() }, (t) => [index('by_writer').on(t.writerId)]);
  const ranked = defineRelations({ writers, notes }, (r) => ({
    writers: { notes: r.many.notes({ from: r.writers._id, to: r.notes.writerId }) },
  }));
  const scarce = createOrm({ relations: ranked, transactionBudget: { indexRanges: 30 } });

  it('loads the rest of the page in one span, not a span per batch that reads the other batches again', async () => {
    const t = convexTest(defineSchema({ writers, notes }), modules);
    await t.run(async (ctx) => {
      for (let w = 0; w < 40; w++) {
        const writerId = await ctx.db.insert('writers', { rank: (w * 17) % 40 });
        for (let i = 0; i < 2; i++) await ctx.db.insert('notes', { writerId });
      }
    });
    const config = { orderBy: { rank: 'asc' }, with: { notes: true } } as const;
    const read = (run: (db: ReturnType<typeof scarce.db>) => Promise<{ notes: unknown[] }[]>) =>
      t.run(async (raw) => {
        const { ctx, reads } = countReads(raw);
        const rows = await run(scarce.db(ctx));
        return {
          rows: rows.length,
          notes: rows.reduce((n, row) => n + row.notes.length, 0),
          documents: reads.documents,
        };
      });
    const found = await read((db) => db.query.writers.findMany({ ...config, limit: 40 }));
    const paged = await read(
      async (db) => (await db.query.writers.paginate({ numItems: 40, cursor: null }, config)).page,
    );
    expect(found).toEqual({ rows: 40, notes: 80, documents: 120 });
    // A span per batch (1, 2, 4, …) read 216 documents. The first row's notes are read before the span,
    // which may read them again: at most 2 more than findMany.
    expect(paged).toMatchObject({ rows: 40, notes: 80 });
    expect(paged.documents).toBeLessThanOrEqual(found.documents + 2);
  });
});
