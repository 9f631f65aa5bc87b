import { createOrm, defineRelations } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { boolean, convexTable, defineSchema, id, index, integer, searchIndex, text } from '../../src/index';

// docs/queries.md (paginate): "A page reads … never past what the transaction's read budget has
// left …: when it stops early it is returned with pageStatus: 'SplitRequired'". The page's own row
// reads are capped by what the transaction had left when the page started, but the reads of a
// residual relation filter and of the page's `with` loads spend the same transaction budget as the
// page goes. When they use it up, the next row read by the page's source (one index range, a merge
// of several, a search) is the one that passes the transaction's limit: the page stops before that
// row with the rows it holds, SplitRequired, as it does when the residual's own read passes it (it
// used to reject with SCAN_BUDGET_EXCEEDED, while a limit one document higher or lower split), and
// the pages after it go on from the last row returned.
const posts = convexTable(
  'posts',
  { rank: integer().notNull(), flag: boolean().notNull(), title: text().notNull() },
  (t) => [index('by_rank').on(t.rank), searchIndex('search_title').on(t.title)],
);
const comments = convexTable('comments', { postId: id('posts').notNull(), body: text().notNull() }, (t) => [
  index('by_post').on(t.postId),
]);
const tables = { posts, comments };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  posts: { comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }) },
  comments: {},
}));
const orm = createOrm({ relations });

/** 20 posts (every other one flagged), 3 comments each; one in 8 posts has a comment saying "x". */
async function backend(documentsRead: number) {
  const t = convexTest({ schema, modules, transactionLimits: { documentsRead } });
  await t.run(async (ctx) => {
    for (let rank = 0; rank < 20; rank++) {
      const postId = await ctx.db.insert('posts', { rank, flag: rank % 2 === 0, title: 'intro post' });
      for (let j = 0; j < 3; j++) {
        await ctx.db.insert('comments', { postId, body: rank % 8 === 0 && j === 2 ? 'x' : 'y' });
      }
    }
  });
  return t;
}

type Backend = Awaited<ReturnType<typeof backend>>;
type Row = { rank: number; comments?: unknown[] };
type Page = { page: Row[]; isDone: boolean; continueCursor: string; pageStatus?: string };
type Outcome = { ranks: number[]; pageStatus?: string } | { code?: string };

function readPage(t: Backend, config: object, cursor: string | null): Promise<Page> {
  return t.run((ctx) => orm.db(ctx).query.posts.paginate({ numItems: 8, cursor }, config as never) as Promise<Page>);
}

/** The first page in a transaction of `documentsRead` documents: its ranks and status, or the error's code. */
async function firstPage(documentsRead: number, config: object): Promise<Outcome> {
  return readPage(await backend(documentsRead), config, null).then(
    (page) => ({ ranks: page.page.map((row) => row.rank), pageStatus: page.pageStatus }),
    (error: { code?: string }) => ({ code: error.code }),
  );
}

/** Every page from the first, each in a transaction of `documentsRead` documents, until the data ends. */
async function everyPage(documentsRead: number, config: object): Promise<{ rows: Row[]; splits: number }> {
  const t = await backend(documentsRead);
  const rows: Row[] = [];
  let splits = 0;
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: Page = await readPage(t, config, cursor);
    rows.push(...page.page);
    if (page.pageStatus === 'SplitRequired') splits++;
    if (page.isDone) return { rows, splits };
    cursor = page.continueCursor;
  }
  throw new Error('the pages did not end');
}

const ranks = (rows: readonly Row[]) => rows.map((row) => row.rank);
const evens = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18];

describe('a page whose relation reads use up the transaction read budget', () => {
  it('a residual relation filter: SplitRequired with the rows passed, not SCAN_BUDGET_EXCEEDED (documentsRead 36)', async () => {
    const config = { where: { comments: { body: 'x' } }, orderBy: { rank: 'asc' } };
    // Each post and its 3 comments are 4 documents: 35 end within post 8's comments, 36 right after
    // them, so the next row, post 9, is the read past the limit.
    expect(await firstPage(35, config)).toEqual({ ranks: [0], pageStatus: 'SplitRequired' });
    expect(await firstPage(36, config)).toEqual({ ranks: [0, 8], pageStatus: 'SplitRequired' });
    for (const documentsRead of [30, 33, 35, 36, 37]) {
      const { rows, splits } = await everyPage(documentsRead, config);
      expect(ranks(rows)).toEqual([0, 8, 16]);
      expect(splits).toBeGreaterThan(0);
    }
  });

  it('`with` loads between batches: SplitRequired with the rows whose relations were loaded (documentsRead 20, 21, 35)', async () => {
    const config = { where: { flag: true }, orderBy: { rank: 'asc' }, with: { comments: true } };
    // 22 documents give [0, 2, 4] SplitRequired, 36 give [0 … 12]; post 0 and its comments fit in every one of these.
    for (const documentsRead of [20, 21, 22, 35, 36]) {
      const outcome = await firstPage(documentsRead, config);
      expect(outcome).toMatchObject({ pageStatus: 'SplitRequired' });
      expect((outcome as { ranks: number[] }).ranks[0]).toBe(0);
      const { rows } = await everyPage(documentsRead, config);
      expect(ranks(rows)).toEqual(evens);
      for (const row of rows) expect(row.comments).toHaveLength(3);
    }
  });

  it('a merge of several ranges, whose read-ahead passes the limit: SplitRequired (documentsRead 15, 39)', async () => {
    // One range per value: the merge reads the head of each of the 12 before the first row.
    const config = {
      where: { rank: { in: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, comments: { body: 'x' } },
      orderBy: { rank: 'asc' },
    };
    expect(await firstPage(15, config)).toEqual({ ranks: [0], pageStatus: 'SplitRequired' });
    expect(await firstPage(39, config)).toEqual({ ranks: [0, 8], pageStatus: 'SplitRequired' });
    // Fewer documents than the heads and post 0's comments: no row to go on from, the typed error.
    expect(await firstPage(14, config)).toEqual({ code: 'SCAN_BUDGET_EXCEEDED' });
    for (const documentsRead of [15, 39]) expect(ranks((await everyPage(documentsRead, config)).rows)).toEqual([0, 8]);
  });

  it('a search: SplitRequired (documentsRead 36 with a relation filter, 15 and 35 with `with` loads)', async () => {
    const search = { index: 'search_title', query: 'intro' };
    const filtered = { search, where: { comments: { body: 'x' } } };
    expect(await firstPage(36, filtered)).toEqual({ ranks: [0, 8], pageStatus: 'SplitRequired' });
    expect(ranks((await everyPage(36, filtered)).rows)).toEqual([0, 8, 16]);
    const loaded = { search, where: { flag: true }, with: { comments: true } };
    expect(await firstPage(15, loaded)).toEqual({ ranks: [0, 2, 4], pageStatus: 'SplitRequired' });
    expect(await firstPage(35, loaded)).toEqual({ ranks: [0, 2, 4, 6, 8, 10, 12], pageStatus: 'SplitRequired' });
    expect(ranks((await everyPage(35, loaded)).rows)).toEqual(evens);
  });

  it('the halves of a split page, given endCursor, hold its rows; a pinned page past the limit still rejects', async () => {
    const config = { where: { comments: { body: 'x' } }, orderBy: { rank: 'asc' } };
    const t = await backend(36);
    const first = await readPage(t, config, null);
    const second = await readPage(t, config, first.continueCursor);
    const pinned = (cursor: string | null, endCursor: string) =>
      t.run((ctx) =>
        (orm.db(ctx).query.posts.paginate({ numItems: 8, cursor, endCursor }, config as never) as Promise<Page>).then(
          (page) => ({ ranks: ranks(page.page), continueCursor: page.continueCursor }),
          (error: { code?: string }) => ({ code: error.code }),
        ),
      );
    // As usePaginatedQuery splits it: cursor to splitCursor, splitCursor to continueCursor.
    const { splitCursor } = first as Page & { splitCursor: string };
    expect(first).toMatchObject({ pageStatus: 'SplitRequired', page: [{ rank: 0 }, { rank: 8 }] });
    expect(await pinned(null, splitCursor)).toEqual({ ranks: [0], continueCursor: splitCursor });
    expect(await pinned(splitCursor, first.continueCursor)).toEqual({
      ranks: [8],
      continueCursor: first.continueCursor,
    });
    // From the start to the second page's end: more posts and comments than 36 documents, and never cut short.
    expect(await pinned(null, second.continueCursor)).toEqual({ code: 'SCAN_BUDGET_EXCEEDED' });
  });
});
