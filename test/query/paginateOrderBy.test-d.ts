import { convexTable, createOrm, defineRelations, id, index, text } from 'convex-orm';
import { describe, it } from 'vitest';

// paginate rejects relation orders at run time ("cannot order by relations; order by indexed columns"):
// a page's cursor is an index key. Its config type takes them (PaginateConfig = FindFirstConfig's orderBy).
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable('posts', { title: text().notNull(), authorId: id('users').notNull() }, (t) => [
  index('by_title').on(t.title),
]);
const relations = defineRelations({ users, posts }, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
  users: { posts: r.many.posts() },
}));
const orm = createOrm({ relations });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);

describe('paginate orderBy types', () => {
  it('a relation order, which paginate refuses at run time, is a type error', () => {
    db.query.posts.paginate(
      { numItems: 2, cursor: null },
      // @ts-expect-error paginate cannot order by relations
      { orderBy: { author: { name: 'asc' } } },
    );
    db.query.users.paginate(
      { numItems: 2, cursor: null },
      // @ts-expect-error paginate cannot order by relations
      { orderBy: { posts: 'desc(count)' } },
    );
    // Column orders stay allowed.
    db.query.posts.paginate({ numItems: 2, cursor: null }, { orderBy: { title: 'asc' } });
  });
});
