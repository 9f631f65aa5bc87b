// The types of a `db.$count(...)` selected as a field: a number in any select when it is
// uncorrelated (no filter, a where-object, relation filters included: its filter names no other
// table), and a type error where it is awaited when correlated with a table the select lacks, an
// alias of the select's own table included (`db.$count(invitee, eq(invitee.invitedBy, users._id))`
// correlates with `users`), as it is awaited on its own. (`expectTypeOf(...).resolves` does not
// check `then`'s `this`: these await.)
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import { alias, eq } from '../../src/index';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

describe('an uncorrelated $count selected as a field', () => {
  it('is a number field of any select: a where-object, none, or a relation filter', async () => {
    const rows = await db.select({ name: users.name, n: db.$count(posts, { title: 'x' }) }).from(users);
    expectTypeOf(rows).toEqualTypeOf<{ name: string; n: number }[]>();
    const all = await db.select({ name: users.name, n: db.$count(posts) }).from(users);
    expectTypeOf(all).toEqualTypeOf<{ name: string; n: number }[]>();
    const related = await db.select({ name: users.name, n: db.$count(posts, { author: { name: 'Ada' } }) }).from(users);
    expectTypeOf(related).toEqualTypeOf<{ name: string; n: number }[]>();
    // Its own table's operator expression is no correlation either.
    await db.select({ n: db.$count(posts, eq(posts.title, 'x')) }).from(comments);
  });
});

describe('a $count of an alias correlated with its base table', () => {
  it('is a type error where no select row of that table exists', async () => {
    const invitee = alias(users, 'invitee');
    const invited = db.$count(invitee, eq(invitee.invitedBy, users._id));
    // Fine: a select from users has the users row.
    expectTypeOf(await db.select({ n: invited }).from(users)).toEqualTypeOf<{ n: number }[]>();
    // @ts-expect-error: a select from comments has no users row (INVALID_QUERY at run time)
    await db.select({ n: invited }).from(comments);
    // @ts-expect-error: on its own it has no users row (INVALID_QUERY at run time)
    await invited;
  });
});
