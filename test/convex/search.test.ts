import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules } from '../../src/index';
import { CURSOR_SECRET } from './cursorSecret';
import { rejection } from './mutationHarness';
import { orm, relations, schema } from './searchFixture';

// Full-text search (DESIGN.md section 14). convex-test's search matches documents whose search field
// has a word starting with one of the query's terms, in index order, without relevance ranking
// (reference/convex-semantics.md 1.9): these tests assert which rows come back, the filter split
// and the reads, never a relevance order.
async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    const bob = await ctx.db.insert('users', { name: 'Bob' });
    const rows = [
      ['Intro to search', 'published', ada, 100],
      ['Intro to indexes', 'draft', ada, 200],
      ['Deep dive', 'published', bob, 300],
      ['An intro for Bob', 'published', bob, 400],
      ['Introduction, again', 'published', ada, 500],
      ['Other things', 'published', ada, 600],
    ] as const;
    for (const [title, status, authorId, words] of rows)
      await ctx.db.insert('posts', { title, status, authorId, words });
  });
  return t;
}

describe('search', () => {
  it('filter-field equalities go into the search, the rest is residual; limit counts rows that pass', async () => {
    const t = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({
        search: { index: 'search_title', query: 'intro' },
        where: { status: 'published', words: { gt: 150 } },
        columns: { title: true },
        with: { author: { columns: { name: true } } },
        extras: { loud: (row) => row.title.toUpperCase() },
        limit: 2,
      });
      return { result, reads: { ...reads } };
    });
    // "Intro to search" (100 words) fails the residual filter; the draft never comes back from the search.
    expect(result).toEqual([
      { title: 'An intro for Bob', author: { name: 'Bob' }, loud: 'AN INTRO FOR BOB' },
      { title: 'Introduction, again', author: { name: 'Ada' }, loud: 'INTRODUCTION, AGAIN' },
    ]);
    // 3 published matches read (one filtered out), each a range as Convex loads a result by id; 2 authors by id.
    expect(reads).toEqual({ documents: 5, ranges: 5 });
  });

  it('explain() shows the search plan: index, text, filter equalities, residual, relevance order', async () => {
    const t = await seeded();
    const explained = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.posts.findMany({
          search: { index: 'search_title', query: 'intro' },
          where: { status: 'published', words: { gt: 150 }, authorId: { in: [] } },
        })
        .explain(),
    );
    expect(explained).toMatchObject({ read: 'none' });
    const plan = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.posts.findFirst({
          search: { index: 'search_title', query: 'intro' },
          where: { status: 'published', words: { gt: 150 } },
        })
        .explain(),
    );
    expect(plan).toMatchObject({
      read: 'search',
      index: 'search_title',
      search: 'title matches "intro"',
      ranges: ['status = "published"'],
      residual: 'words > 150',
      order: 'relevance',
    });
  });

  it('orderBy with search, an unknown index or a non-string query is INVALID_QUERY before any read', async () => {
    const t = await seeded();
    const errors = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const outcomes = await Promise.all([
        db.query.posts
          // The type rejects orderBy with search too (test/query/search.test-d.ts); JavaScript callers get this.
          .findMany({ search: { index: 'search_title', query: 'intro' }, orderBy: { words: 'asc' } as never })
          .catch((error) => error.message),
        db.query.posts.findMany({ search: { index: 'nope' as never, query: 'intro' } }).catch((error) => error.message),
        db.query.posts
          .findMany({ search: { index: 'search_title', query: 3 as never } })
          .catch((error) => error.message),
        db.query.users.findMany({ search: { index: 'x' as never, query: 'a' } }).catch((error) => error.code),
      ]);
      return { outcomes, reads: { ...reads } };
    });
    expect(errors.outcomes).toEqual([
      '"search" on "posts" returns results in relevance order; drop orderBy.',
      '"search" on "posts" names no search index of the table (nope); its search indexes: "search_title".',
      '"search" on "posts" needs a string query; got 3.',
      'INVALID_QUERY',
    ]);
    expect(errors.reads).toEqual({ documents: 0, ranges: 0 });
  });

  it('orderBy: undefined or {} beside search asks for no order: the same results as without it', async () => {
    const t = await seeded();
    const search = { index: 'search_title', query: 'intro' } as const;
    const [bare, undefinedOrder, emptyOrder] = await t.run((ctx) =>
      Promise.all([
        orm.db(ctx).query.posts.findMany({ search, columns: { title: true } }),
        orm.db(ctx).query.posts.findMany({ search, columns: { title: true }, orderBy: undefined }),
        orm.db(ctx).query.posts.findMany({ search, columns: { title: true }, orderBy: {} }),
      ]),
    );
    expect(bare.length).toBeGreaterThan(1);
    expect(undefinedOrder).toEqual(bare);
    expect(emptyOrder).toEqual(bare);
  });

  it('paginates search results: full pages through the residual filter, positions as cursors', async () => {
    const t = await seeded();
    const config = {
      search: { index: 'search_title', query: 'intro' },
      where: { words: { lt: 450 } },
      columns: { title: true },
    } as const;
    const page = (cursor: string | null) =>
      t.run((ctx) => orm.db(ctx).query.posts.paginate({ numItems: 2, cursor }, config));
    const first = await page(null);
    expect(first).toMatchObject({
      page: [{ title: 'Intro to search' }, { title: 'Intro to indexes' }],
      isDone: false,
    });
    const second = await page(first.continueCursor);
    expect(second).toMatchObject({ page: [{ title: 'An intro for Bob' }], isDone: true });
    // A later page reads the earlier results again: explain() says so.
    const explained = await t.run(async (ctx) =>
      orm.db(ctx).query.posts.paginate({ numItems: 2, cursor: null }, config).explain(),
    );
    expect(explained).toMatchObject({
      read: 'search',
      page: expect.stringContaining('search results from the first; the cursor counts them; not pinned across re-runs'),
    });
  });
});

describe('search under rules', () => {
  // Only published posts are readable: a search must not surface a hidden draft, and `limit`
  // counts visible rows (the rule is residual after the search's own filter fields).
  const rules = defineRules(relations, () => ({ posts: { read: { status: 'published' } }, users: { read: {} } }));
  const ruled = createOrm({ relations, rules, cursorSecret: CURSOR_SECRET });

  it('returns only rows the read rule lets through, and limit counts them', async () => {
    const t = await seeded();
    const titles = await t.run(async (ctx) => {
      const rows = await ruled.db(ctx).query.posts.findMany({ search: { index: 'search_title', query: 'intro' } });
      return rows.map((row) => row.title).sort();
    });
    expect(titles).toEqual(['An intro for Bob', 'Intro to search', 'Introduction, again']);
    const first = await t.run((ctx) =>
      ruled.db(ctx).query.posts.findMany({ search: { index: 'search_title', query: 'indexes' }, limit: 1 }),
    );
    expect(first).toEqual([]);
  });

  it("search pages are sealed: the walk gives findMany's rows, no cursor shows a count; no secret, no pages", async () => {
    const t = await seeded();
    const config = { search: { index: 'search_title', query: 'intro' }, columns: { title: true } } as const;
    const titles: string[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    for (let done = false; !done; ) {
      const page = await t.run((ctx) => ruled.db(ctx).query.posts.paginate({ numItems: 1, cursor }, config));
      titles.push(...page.page.map((row) => row.title));
      cursors.push(page.continueCursor, ...(page.splitCursor ? [page.splitCursor] : []));
      cursor = page.continueCursor;
      done = page.isDone;
    }
    const all = await t.run((ctx) => ruled.db(ctx).query.posts.findMany(config));
    expect(titles).toEqual(all.map((row) => row.title));
    expect(cursors.length).toBeGreaterThan(3);
    for (const sealed of cursors) {
      expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(atob(sealed.replace(/-/g, '+').replace(/_/g, '/'))).not.toContain('[[');
    }
    const unsealed = createOrm({ relations, rules });
    const refused = await t.run((ctx) =>
      rejection(unsealed.db(ctx).query.posts.paginate({ numItems: 1, cursor: null }, config)),
    );
    expect(refused).toMatchObject({ code: 'INVALID_OPTION', table: 'posts', details: { option: 'cursorSecret' } });
  });
});
