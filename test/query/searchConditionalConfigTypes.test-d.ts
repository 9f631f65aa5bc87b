// `orderBy` beside a `search` that may be `undefined` is a type error, as beside a given search: the
// run refuses it either way (results in relevance order; or "search is undefined").
import { convexTable, createOrm, defineRelations, id, integer, searchIndex, text } from 'convex-orm';
import { describe, it } from 'vitest';

const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    status: text().notNull(),
    authorId: id('users').notNull(),
    views: integer(),
  },
  (t) => [searchIndex('search_title').on(t.title).filter(t.status, t.authorId)],
);
const comments = convexTable('comments', {
  body: text().notNull(),
  postId: id('posts').notNull(),
});
const relations = defineRelations({ users, posts, comments }, (r) => ({
  posts: {
    author: r.one.users({
      from: r.posts.authorId,
      to: r.users._id,
      optional: false,
    }),
    comments: r.many.comments(),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
}));
const orm = createOrm({ relations });
declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);
declare const flag: boolean;

describe('conditional config beside search', () => {
  it('orderBy beside a search that may be given is refused, as the runtime refuses it', () => {
    const s = flag ? ({ index: 'search_title', query: 'a' } as const) : undefined;
    // @ts-expect-error orderBy beside a search that may be given (INVALID_QUERY at run time either way)
    db.query.posts.findMany({ search: s, orderBy: { title: 'asc' } });
  });
});
