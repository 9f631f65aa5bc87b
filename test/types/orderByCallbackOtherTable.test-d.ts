import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Run time: INVALID_QUERY `orderBy callback on "users" ordered by "posts.title", a column of another table.`
describe('an orderBy callback returns columns of its own table only', () => {
  it('findMany on users ordered by a posts column is a type error', () => {
    // @ts-expect-error posts.title is not a column of users
    db.query.users.findMany({ orderBy: () => posts.title });
  });

  it('asc()/desc() of another table is a type error', () => {
    // @ts-expect-error posts.title is not a column of users
    db.query.users.findMany({ orderBy: (_u, { desc }) => [desc(posts.title)] });
  });

  it('paginate on users ordered by a posts column is a type error', () => {
    // @ts-expect-error posts.title is not a column of users
    db.query.users.paginate({ numItems: 10, cursor: null }, { orderBy: () => posts.title });
  });

  it('a nested with ordered by a column of the parent table is a type error', () => {
    // @ts-expect-error comments.body is not a column of posts
    db.query.users.findMany({ with: { posts: { orderBy: () => comments.body } } });
  });
});
