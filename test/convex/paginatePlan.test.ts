import { createOrm, defineRelations } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, index, integer, text } from '../../src/index';

// A page's cursor is an index key, so a page reads in index order: with an index on the filtered
// column and another on the ordered one, paginate takes the one that gives the order (the filter
// residual in the fill loop, as `.withIndex(...).filter(...).paginate()` in Convex), where
// findMany takes the equality range and sorts it in memory.
const items = convexTable('items', { status: text().notNull(), rank: integer().notNull() }, (t) => [
  index('by_status').on(t.status),
  index('by_rank').on(t.rank),
]);
const tables = { items };
const schema = defineSchema(tables);
const relations = defineRelations(tables, () => ({}));

async function backend(strict = false) {
  const orm = createOrm({ relations, strict });
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let i = 0; i < 10; i++) await ctx.db.insert('items', { status: i % 2 ? 'a' : 'b', rank: i });
  });
  return { t, orm };
}

const config = { where: { status: 'a' }, orderBy: { rank: 'asc' }, columns: { rank: true } } as const;

describe('paginate prefers an index that gives the order', () => {
  it('reads by_rank with status residual: full pages, reads counted, explain says so; findMany keeps by_status', async () => {
    const { t, orm } = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const explained = await db.query.items.paginate({ numItems: 2, cursor: null }, config).explain();
      const first = await db.query.items.paginate({ numItems: 2, cursor: null }, config);
      const firstReads = { ...reads };
      const second = await db.query.items.paginate({ numItems: 2, cursor: first.continueCursor }, config);
      const found = await db.query.items.findMany({ ...config, limit: 2 }).explain();
      return { explained, pages: [first.page, second.page], firstReads, found };
    });
    expect(out.explained).toMatchObject({ index: 'by_rank', residual: 'status = "a"', fullScan: true });
    expect(out.pages).toEqual([
      [{ rank: 1 }, { rank: 3 }],
      [{ rank: 5 }, { rank: 7 }],
    ]);
    // Ranks 0..3 are read for the first page (0 and 2 are status b), in one range.
    expect(out.firstReads).toEqual({ documents: 4, ranges: 1 });
    expect(out.found).toMatchObject({ index: 'by_status' });
  });

  it('a range on the ordered column keeps it: pages of ranks above 2', async () => {
    const { t, orm } = await backend();
    const page = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.items.paginate({ numItems: 2, cursor: null }, { ...config, where: { status: 'a', rank: { gt: 2 } } }),
    );
    expect(page.page).toEqual([{ rank: 3 }, { rank: 5 }]);
  });

  it('in strict mode, a page that would walk the order index with the filter residual is FULL_SCAN_FORBIDDEN naming the index to add', async () => {
    const { t, orm } = await backend(true);
    const error = await t.run((ctx) =>
      orm
        .db(ctx)
        .query.items.paginate({ numItems: 2, cursor: null }, config)
        .then(
          () => null,
          (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
        ),
    );
    expect(error?.code).toBe('FULL_SCAN_FORBIDDEN');
    expect(error?.message).toContain('items(status, rank)');
  });
});
