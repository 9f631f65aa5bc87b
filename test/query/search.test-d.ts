import type { PaginationResult } from 'convex/server';
import { convexTable, createOrm, defineRelations, id, searchIndex, text } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  { title: text().notNull(), status: text().notNull(), authorId: id('users').notNull() },
  (t) => [searchIndex('search_title').on(t.title).filter(t.status, t.authorId)],
);
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
}));
const orm = createOrm({ relations });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);

describe('search types', () => {
  it('a search index declares its name and filter fields on the table type', () => {
    expectTypeOf<(typeof posts)['_']['searchIndexes']>().toEqualTypeOf<{ search_title: 'status' | 'authorId' }>();
  });

  it('search takes an index of the table and a string; results keep the config shape', async () => {
    const rows = await db.query.posts.findMany({
      search: { index: 'search_title', query: 'intro' },
      where: { status: 'published' },
      columns: { title: true },
      with: { author: { columns: { name: true } } },
    });
    expectTypeOf(rows).toEqualTypeOf<{ title: string; author: { name: string } }[]>();
    const first = await db.query.posts.findFirst({ search: { index: 'search_title', query: 'a' } });
    expectTypeOf(first?.title).toEqualTypeOf<string | undefined>();
    const page = await db.query.posts.paginate(
      { numItems: 2, cursor: null },
      { search: { index: 'search_title', query: 'a' }, columns: { title: true } },
    );
    expectTypeOf(page).toEqualTypeOf<PaginationResult<{ title: string }>>();
  });

  it('rejects unknown indexes, non-string queries, and search on a table without a search index', () => {
    // @ts-expect-error not a search index of posts
    db.query.posts.findMany({ search: { index: 'by_title', query: 'a' } });
    // @ts-expect-error the query is a string
    db.query.posts.findMany({ search: { index: 'search_title', query: 1 } });
    // @ts-expect-error users has no search index
    db.query.users.findMany({ search: { index: 'search_title', query: 'a' } });
    // @ts-expect-error count takes no search
    db.query.posts.count({ search: { index: 'search_title', query: 'a' } });
  });

  it('rejects orderBy with search: results are in relevance order', () => {
    // @ts-expect-error orderBy with search
    db.query.posts.findMany({ search: { index: 'search_title', query: 'a' }, orderBy: { title: 'asc' } });
    // @ts-expect-error orderBy with search
    db.query.posts.findFirst({ search: { index: 'search_title', query: 'a' }, orderBy: (p, { asc }) => asc(p.title) });
    db.query.posts.paginate(
      { numItems: 2, cursor: null },
      // @ts-expect-error orderBy with search
      { search: { index: 'search_title', query: 'a' }, orderBy: { title: 'desc' } },
    );
    // Without search, orderBy stays allowed.
    db.query.posts.findMany({ orderBy: { title: 'asc' } });
  });

  it('accepts orderBy: undefined or {} beside search, which ask for no order (as at run time)', () => {
    db.query.posts.findMany({ search: { index: 'search_title', query: 'a' }, orderBy: undefined });
    db.query.posts.paginate(
      { numItems: 2, cursor: null },
      { search: { index: 'search_title', query: 'a' }, orderBy: undefined },
    );
    // `{}` has no term either: the run takes it.
    db.query.posts.findMany({ search: { index: 'search_title', query: 'a' }, orderBy: {} });
    const maybe = { title: 'asc' } as { title: 'asc' } | undefined;
    // @ts-expect-error an order that may be given is still an order beside search
    db.query.posts.findMany({ search: { index: 'search_title', query: 'a' }, orderBy: maybe });
  });
});
