import { alias, and, eq, gt } from 'convex-orm';
import { describe, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// A comparison of two columns (eq(posts.authorId, users._id)) is typed by its LEFT column's table
// only (comparison / columnComparison in src/filter/operators.ts return FilterExpression<C['_table']>),
// so a select whose where or ON compares with a column of a table not in the select compiles, and
// rejects when it runs with INVALID_QUERY ('... is not in the select; join it first'): all three below
// were run on convex-test with the seeded example app and rejected so. e6fa51c made where/ON/having refuse such
// columns in the types; the right-hand side of a column comparison slips through.
describe('a column comparison names columns of the tables in the select only, on both sides', () => {
  it('where() comparing with a column of a table not joined is a type error', () => {
    // @ts-expect-error users is not in the select
    db.select().from(posts).where(eq(posts.authorId, users._id));
  });

  it('an ON condition comparing with a column of a table not (yet) joined is a type error', () => {
    // @ts-expect-error comments is not in the select
    db.select().from(users).leftJoin(posts, eq(posts.authorId, comments.authorId));
  });

  it('a self-join from an alias comparing with the aliased table itself is a type error', () => {
    const inviter = alias(users, 'inviter');
    db.select()
      .from(inviter)
      // @ts-expect-error "users" is not in the select, only "inviter"
      .leftJoin(posts, and(eq(posts.authorId, users._id), gt(posts.title, 'a')));
  });
});
