import { createOrm, defineRelations } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, index, integer, text } from '../../src/index';

// A page of one index range and no residual filter is Convex's own `.paginate()` (the first page
// of a function): it resumes inside the range at the full index key, in one range per page, where
// resuming at an index key needs two (the ties on the order field, then past it).
const posts = convexTable('posts', { status: text().notNull(), publishedAt: integer().notNull() }, (t) => [
  index('by_status').on(t.status, t.publishedAt),
]);
const tables = { posts };
const schema = defineSchema(tables);
const orm = createOrm({ relations: defineRelations(tables, () => ({})) });
type Options = { numItems: number; cursor: string | null; endCursor?: string; maximumRowsRead?: number };
type Page = { page: { publishedAt: number }[]; isDone: boolean; continueCursor: string; splitCursor?: string | null };

const published = {
  where: { status: 'published' },
  orderBy: { publishedAt: 'desc' },
  columns: { publishedAt: true },
} as const;

async function backend(count: number) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    // Three posts share each publishedAt, so a page often ends inside a run of ties.
    for (let i = 0; i < count; i++) {
      await ctx.db.insert('posts', { status: i % 2 === 0 ? 'published' : 'draft', publishedAt: Math.floor(i / 6) });
    }
  });
  const page = (options: Options) =>
    t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = (await orm.db(ctx).query.posts.paginate(options, published)) as Page;
      return { ...result, reads: { ...reads } };
    });
  const all = () => t.run((ctx) => orm.db(ctx).query.posts.findMany(published));
  return { t, page, all };
}

describe('paginate in one range', () => {
  it('posts where status = published order by publishedAt desc, 3 pages of 20: 60 documents, 3 ranges', async () => {
    const { page, all } = await backend(200);
    const pages: Page[] = [];
    let cursor: string | null = null;
    const reads = { documents: 0, ranges: 0 };
    for (let i = 0; i < 3; i++) {
      const next = await page({ numItems: 20, cursor });
      pages.push(next);
      reads.documents += next.reads.documents;
      reads.ranges += next.reads.ranges;
      cursor = next.continueCursor;
    }
    expect(reads).toEqual({ documents: 60, ranges: 3 });
    expect(pages.map((p) => p.page.length)).toEqual([20, 20, 20]);
    expect(pages.flatMap((p) => p.page)).toEqual((await all()).slice(0, 60));
  });

  it("a cursor whose Convex part or position is swapped for another's is INVALID_QUERY, not Convex's error", async () => {
    const { page } = await backend(60);
    const first = JSON.parse((await page({ numItems: 5, cursor: null })).continueCursor) as unknown[];
    const second = JSON.parse((await page({ numItems: 5, cursor: JSON.stringify(first) })).continueCursor) as unknown[];
    expect(first).toHaveLength(3);
    const forged = [
      [first[0], first[1], second[2]],
      [first[0], second[1], first[2]],
      [first[0], first[1], 'garbage'],
    ];
    for (const cursor of forged) {
      await expect(page({ numItems: 5, cursor: JSON.stringify(cursor) })).rejects.toMatchObject({
        code: 'INVALID_QUERY',
      });
    }
  });

  it('a second page in the same function goes on from the index key (Convex allows one .paginate())', async () => {
    const { t, all } = await backend(60);
    const first = await t.run((ctx) => orm.db(ctx).query.posts.paginate({ numItems: 7, cursor: null }, published));
    const { pages, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const pages = [
        await db.query.posts.paginate({ numItems: 7, cursor: null }, published),
        // `.paginate()` is taken: this page resumes the other page's cursor by index ranges.
        await db.query.posts.paginate({ numItems: 7, cursor: first.continueCursor }, published),
      ];
      return { pages, reads: { ...reads } };
    });
    const expected = await all();
    expect(pages[0]!.page).toEqual(expected.slice(0, 7));
    expect(pages[1]!.page).toEqual(expected.slice(7, 14));
    // 7 + 7 rows; the second page reads the ties of its cursor's publishedAt, then past it: 1 + 2 ranges.
    expect(reads).toEqual({ documents: 14, ranges: 3 });
    // The second page's cursor holds no Convex cursor: the pages after it go on by index key.
    const third = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const page = await orm.db(ctx).query.posts.paginate({ numItems: 7, cursor: pages[1]!.continueCursor }, published);
      return { page, reads: { ...reads } };
    });
    expect(third.page.page).toEqual(expected.slice(14, 21));
    expect(third.reads).toEqual({ documents: 7, ranges: 2 });
  });

  it('inside a Convex component (which refuses .paginate()) every page goes by index keys', async () => {
    const { t, all } = await backend(30);
    const { pages, raw } = await t.run(async (ctx) => {
      // What getFunctionMetadata() says in a component's function (convex-test runs the app's).
      const meta = { ...ctx.meta, getFunctionMetadata: async () => ({ name: 'posts:list', componentPath: 'blog' }) };
      const db = orm.db({ ...ctx, meta });
      const first = await db.query.posts.paginate({ numItems: 7, cursor: null }, published);
      const second = await db.query.posts.paginate({ numItems: 7, cursor: first.continueCursor }, published);
      // The ORM left Convex's one .paginate() of the function unused.
      const raw = await ctx.db.query('posts').paginate({ numItems: 1, cursor: null });
      return { pages: [first, second], raw: raw.page.length };
    });
    const expected = await all();
    expect(pages.map((page) => page.page)).toEqual([expected.slice(0, 7), expected.slice(7, 14)]);
    expect(raw).toBe(1);
  });

  it('re-run with endCursor, pages stay adjacent as rows are inserted and deleted', async () => {
    const { t, page, all } = await backend(40);
    const first = await page({ numItems: 5, cursor: null });
    const second = await page({ numItems: 5, cursor: first.continueCursor });
    await t.run(async (ctx) => {
      // Pages of 5: publishedAt 6, 6, 5, 5, 5 | 4, 4, 4, 3, 3. One row into the first page's span
      // (among the ties of its last publishedAt), one row of the second page gone.
      await ctx.db.insert('posts', { status: 'published', publishedAt: 5 });
      const gone = await ctx.db
        .query('posts')
        .withIndex('by_status', (q) => q.eq('status', 'published').eq('publishedAt', 4))
        .first();
      await ctx.db.delete(gone!._id);
    });
    const firstAgain = await page({ numItems: 5, cursor: null, endCursor: first.continueCursor });
    const secondAgain = await page({ numItems: 5, cursor: first.continueCursor, endCursor: second.continueCursor });
    expect(firstAgain.page).toHaveLength(6);
    expect(secondAgain.page).toHaveLength(4);
    expect([...firstAgain.page, ...secondAgain.page]).toEqual((await all()).slice(0, 10));
    expect(firstAgain.continueCursor).toBe(first.continueCursor);
    expect(secondAgain.continueCursor).toBe(second.continueCursor);
  });

  it('the last page re-run with its endCursor holds the rows to the end, and rows added since', async () => {
    const { t, page, all } = await backend(40);
    const first = await page({ numItems: 15, cursor: null });
    const last = await page({ numItems: 15, cursor: first.continueCursor });
    expect(last).toMatchObject({ isDone: true, reads: { documents: 5, ranges: 1 } });
    await t.run(async (ctx) => {
      await ctx.db.insert('posts', { status: 'published', publishedAt: -1 });
    });
    const again = await page({ numItems: 15, cursor: first.continueCursor, endCursor: last.continueCursor });
    expect(again).toMatchObject({ isDone: true, continueCursor: last.continueCursor });
    expect([...first.page, ...again.page]).toEqual(await all());
    expect(again.page).toHaveLength(6);
  });

  it('maximumRowsRead splits the page: SplitRequired, and the split halves hold the rows read', async () => {
    const { page, all } = await backend(40);
    const first = await page({ numItems: 10, cursor: null, maximumRowsRead: 4 });
    expect(first).toMatchObject({ isDone: false, pageStatus: 'SplitRequired', reads: { documents: 4, ranges: 1 } });
    expect(first.page).toHaveLength(4);
    const half = await page({ numItems: 10, cursor: null, endCursor: first.splitCursor! });
    const otherHalf = await page({ numItems: 10, cursor: first.splitCursor!, endCursor: first.continueCursor });
    expect([...half.page, ...otherHalf.page]).toEqual(first.page);
    const next = await page({ numItems: 10, cursor: first.continueCursor });
    expect(next.page).toEqual((await all()).slice(4, 14));
  });

  it('explain() says how a page reads and whether its end is pinned across re-runs: by Convex for .paginate(), by endCursor, or not at all', async () => {
    const { t } = await backend(10);
    const explained = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const options = { numItems: 5, cursor: null };
      return {
        one: db.query.posts.paginate(options, published).explain(),
        merged: db.query.posts
          .paginate(options, { where: { status: { in: ['published', 'draft'] } }, orderBy: { publishedAt: 'desc' } })
          .explain(),
        prepared: orm.query.posts.paginate(published).prepare().explain(options),
        // An endCursor a page returned: explain() refuses one the page would refuse.
        pinned: db.query.posts
          .paginate(
            { ...options, endCursor: (await db.query.posts.paginate(options, published)).continueCursor },
            published,
          )
          .explain(),
      };
    });
    const paginated =
      ".paginate(): one range a page, its end pinned by Convex across re-runs (the function's first page, from a cursor of such a page; others, and all pages inside a Convex component, resume after the index key, unpinned: pass endCursor)";
    expect(explained.one).toMatchObject({ index: 'by_status', ranges: ['status = "published"'], page: paginated });
    expect(explained.prepared).toMatchObject({ page: paginated });
    const byKey = 'merged from the index key: each range resumed as one range per index field after its equalities';
    expect(explained.merged).toMatchObject({
      ranges: ['status = "draft"', 'status = "published"'],
      page: `${byKey}; not pinned across re-runs (usePaginatedQuery sends endCursor only to split a page): pass endCursor to keep pages adjacent`,
    });
    // A page given endCursor is read by index key up to it, whatever the plan, and nothing past it.
    expect(explained.pinned).toMatchObject({
      page: `${byKey}, then cut at endCursor's key as one range per index field up to it; pinned by endCursor: every row up to it, read whole (maximumRowsRead / maximumBytesRead ignored, as Convex does), and none past it`,
    });
  });
});
