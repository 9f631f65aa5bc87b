// A comparison of two columns (`eq`, `ne`, `gt`... with a column on the right) takes only a column
// that can hold values of the left one's type, as Postgres refuses `integer = text` ("operator does
// not exist"): an id of another table (the wrong-column join `eq(comments.postId, users._id)`),
// text against an integer, a boolean against an integer are type errors, as the same mismatch with
// a value is. Comparable pairs stay valid: ids of one table, an id and a text, text and text of
// another table, a nullable and a notNull column, numbers and timestamps (stored as numbers).
// At run time the same pairs are refused with INVALID_FILTER (test/convex/columnComparisonTypes.test.ts).
import { eq, gt, ne } from 'convex-orm';
import { describe, it } from 'vitest';
import type { MutationCtx, QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

describe('a comparison of two columns takes columns of comparable types', () => {
  it('refuses an id of another table in a join ON', () => {
    // @ts-expect-error Id<'posts'> never equals Id<'users'> (meant comments.authorId)
    db.select().from(comments).innerJoin(users, eq(comments.postId, users._id));
    // @ts-expect-error Id<'users'> never equals Id<'posts'>
    db.select().from(posts).leftJoin(comments, eq(posts.authorId, comments.postId));
  });

  it('refuses text against integer in where, and in a statement', () => {
    // @ts-expect-error integer vs text: Postgres 42883
    db.select().from(users).where(eq(users.age, users.name));
    // @ts-expect-error ordering a boolean against an integer
    db.select().from(users).where(gt(users.verified, users.age));
    const writer = orm.db({} as MutationCtx);
    // @ts-expect-error same in a delete's where
    writer.delete(users).where(ne(users.name, users.age));
  });

  it('still takes comparable columns', () => {
    db.select().from(comments).innerJoin(users, eq(comments.authorId, users._id));
    db.select().from(users).where(eq(users.invitedBy, users._id)); // nullable id vs id of the same table
    db.select().from(posts).innerJoin(comments, eq(comments.postId, posts._id));
    db.select().from(users).innerJoin(posts, eq(posts.title, users.name)); // text vs text
    db.select().from(posts).where(eq(posts.title, posts.authorId)); // a text may hold an id
    db.select().from(posts).where(eq(posts.authorId, posts.title));
    db.select().from(posts).where(gt(posts.publishedAt, posts._creationTime)); // timestamps are numbers
  });
});
