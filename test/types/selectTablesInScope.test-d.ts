import { type AnyTable, alias, asc, count, desc, eq, type FilterExpression, gt, max } from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';

declare const ctx: QueryCtx;
const db = orm.db(ctx);

// Each select below names a column of a table that is not in the select. Each rejects at run time
// with INVALID_QUERY (checked on convex-test with the seeded example app):
//   where    -> 'where uses posts.title, but "posts" is not in the select; join it first.'
//   orderBy  -> 'orderBy uses posts.title, but "posts" is not in the select; join it first.'
//   select   -> 'select({ t }) uses posts.title, but "posts" is not in the select; join it first.'
//   groupBy  -> 'groupBy() uses posts.title, but "posts" is not in the select; join it first.'
//   having   -> 'An aggregate uses posts.title, but "posts" is not in the select; join it first.'
//   ON       -> 'The ON condition of the join of "posts" uses comments.postId, but "comments" is not in the select; join it first.'
//   alias    -> 'where uses users.name, but "users" is not in the select; join it first.'
// The select's types know its tables (SelectQuery's TTables), and statements already take filters on
// their own table only (update(users).where(eq(posts.title, 'x')) is a type error: statementOwnTable),
// yet where(), orderBy(), groupBy(), having(), the ON of a join and the selection take columns of any
// table (FilterExpression<any>, AnyColumn), so each of these compiles and fails only when awaited.
describe('a select names columns of the tables in it only', () => {
  it('where() on a table that is not joined is a type error', () => {
    // @ts-expect-error posts is not in the select
    db.select().from(users).where(eq(posts.title, 'x'));
  });

  it('orderBy() of a table that is not joined is a type error', () => {
    // @ts-expect-error posts is not in the select
    db.select().from(users).orderBy(asc(posts.title));
  });

  it('groupBy() of a table that is not joined is a type error', () => {
    // @ts-expect-error posts is not in the select
    db.select({ n: count() }).from(users).groupBy(posts.title);
  });

  it('having() over an aggregate of a table that is not joined is a type error', () => {
    const grouped = db.select({ role: users.role, n: count() }).from(users).groupBy(users.role);
    // @ts-expect-error posts is not in the select
    grouped.having(gt(max(posts.title), 'a'));
  });

  it('a selection of a column of a table that is not joined is a type error when it runs', async () => {
    // @ts-expect-error posts is not in the select
    await db.select({ t: posts.title }).from(users);
  });

  it('an ON condition over a table joined only later is a type error', () => {
    const base = db.select().from(users);
    // @ts-expect-error comments is not (yet) in the select
    base.leftJoin(posts, eq(comments.postId, posts._id));
  });

  it('a select from an alias filters by the alias, not by the table it aliases', () => {
    const inviter = alias(users, 'inviter');
    // @ts-expect-error "users" is not in the select, only "inviter"
    db.select().from(inviter).where(eq(users.name, 'Ada'));
  });
});

describe('what a select has in scope still type-checks', () => {
  it('columns and aggregates of the joined tables and aliases, everywhere', async () => {
    const inviter = alias(users, 'inviter');
    await db
      .select({ name: users.name, inviter: inviter.name, n: count(posts._id), last: max(posts.title) })
      .from(users)
      .leftJoin(inviter, eq(inviter._id, users.invitedBy))
      .leftJoin(posts, eq(posts.authorId, users._id))
      .where(eq(inviter.role, 'admin'))
      .groupBy(users._id, inviter._id)
      .having(gt(count(posts._id), 1))
      .orderBy(desc(count()), asc(users.name));
  });

  it('code generic over the table, with filters it is given and aggregates', async () => {
    async function rowsOf<T extends AnyTable>(table: T, filter: FilterExpression | undefined) {
      return await db.select().from(table).where(filter).limit(10);
    }
    async function countOf<T extends AnyTable>(table: T) {
      const [row] = await db.select({ n: count() }).from(table);
      return row?.n ?? 0;
    }
    expectTypeOf(await countOf(users)).toEqualTypeOf<number>();
    await rowsOf(posts, eq(posts.title, 'x'));
  });
});
