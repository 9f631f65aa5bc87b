import type { GenericId } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import type { QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { comments, posts, users } from '../../example/convex/schema';
import {
  alias,
  asc,
  avg,
  type ConvexSelect,
  count,
  countDistinct,
  desc,
  eq,
  getTableColumns,
  gt,
  type InferSelectModel,
  max,
  min,
  sum,
} from '../../src/index';

declare const ctx: QueryCtx;
const db = orm.db(ctx);
type User = InferSelectModel<typeof users>;
type Post = InferSelectModel<typeof posts>;
type Comment = InferSelectModel<typeof comments>;

describe('select result types (as Drizzle types them)', () => {
  it('one table without a selection: the flat row', () => {
    expectTypeOf(db.select().from(users)).resolves.toEqualTypeOf<User[]>();
    expectTypeOf(db.selectDistinct().from(users).where(eq(users.name, 'a')).limit(1)).resolves.toEqualTypeOf<User[]>();
    expectTypeOf(db.select().from(users).withDeleted()).resolves.toEqualTypeOf<User[]>();
  });

  it('joins without a selection: each table by name, nullable per join kind', () => {
    expectTypeOf(db.select().from(users).leftJoin(posts, eq(posts.authorId, users._id))).resolves.toEqualTypeOf<
      { users: User; posts: Post | null }[]
    >();
    expectTypeOf(
      db
        .select()
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users._id))
        .leftJoin(comments, eq(comments.postId, posts._id)),
    ).resolves.toEqualTypeOf<{ users: User; posts: Post; comments: Comment | null }[]>();
    expectTypeOf(db.select().from(users).rightJoin(posts, eq(posts.authorId, users._id))).resolves.toEqualTypeOf<
      { users: User | null; posts: Post }[]
    >();
    expectTypeOf(db.select().from(users).fullJoin(posts, eq(posts.authorId, users._id))).resolves.toEqualTypeOf<
      { users: User | null; posts: Post | null }[]
    >();
  });

  it('a selection: each key typed by its column, | null for a left-joined table and nullable columns', () => {
    const query = db
      .select({ id: users._id, name: users.name, age: users.age, title: posts.title })
      .from(users)
      .leftJoin(posts, eq(posts.authorId, users._id));
    expectTypeOf(query).resolves.toEqualTypeOf<
      { id: GenericId<'users'>; name: string; age: number | null; title: string | null }[]
    >();
  });

  it('aggregates: counts are numbers, sum/avg numbers or null, min/max the column type or null', () => {
    const query = db
      .select({
        author: posts.authorId,
        n: count(),
        dated: count(posts.publishedAt),
        titles: countDistinct(posts.title),
        total: sum(users.age),
        mean: avg(users.age),
        first: min(posts.title),
        last: max(posts.publishedAt),
      })
      .from(posts)
      .innerJoin(users, eq(users._id, posts.authorId))
      .groupBy(posts.authorId)
      .having(gt(count(), 1))
      .orderBy(desc(count()), asc(posts.authorId));
    expectTypeOf(query).resolves.toEqualTypeOf<
      {
        author: GenericId<'users'>;
        n: number;
        dated: number;
        titles: number;
        total: number | null;
        mean: number | null;
        first: string | null;
        last: number | null;
      }[]
    >();
  });

  it('$count resolves to a number', () => {
    expectTypeOf(db.$count(users, eq(users.name, 'a'))).resolves.toEqualTypeOf<number>();
    expectTypeOf(db.$count(users, { name: 'a' })).resolves.toEqualTypeOf<number>();
  });

  it('a $count selected as a field is a number, correlated with the select’s tables only', async () => {
    const perUser = db.$count(posts, eq(posts.authorId, users._id));
    expectTypeOf(db.select({ name: users.name, posts: perUser }).from(users)).resolves.toEqualTypeOf<
      { name: string; posts: number }[]
    >();
    // Under a left join too: the count is of the row, never null.
    expectTypeOf(
      db
        .select({ post: posts.title, comments: db.$count(comments, eq(comments.postId, posts._id)) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id)),
    ).resolves.toEqualTypeOf<{ post: string | null; comments: number }[]>();
    // Uncorrelated (its own table's conditions only): the same count in every row, in any select.
    expectTypeOf(db.select({ all: db.$count(comments) }).from(users)).resolves.toEqualTypeOf<{ all: number }[]>();
    // @ts-expect-error: a select from comments has no users row to count the posts of
    await db.select({ posts: perUser }).from(comments);
    // @ts-expect-error: on its own, a count compared with users' columns has no users row (INVALID_QUERY)
    await db.$count(posts, eq(posts.authorId, users._id));
  });
});

describe('alias() (as Drizzle types it)', () => {
  const inviter = alias(users, 'inviter');

  it('a self-join keys the aliased row by its alias, with the table row type, nullable per join', () => {
    expectTypeOf(db.select().from(users).leftJoin(inviter, eq(inviter._id, users.invitedBy))).resolves.toEqualTypeOf<
      { users: User; inviter: User | null }[]
    >();
    expectTypeOf(
      db
        .select()
        .from(inviter)
        .innerJoin(posts, eq(posts.authorId, inviter._id))
        .leftJoin(users, eq(users._id, inviter.invitedBy)),
    ).resolves.toEqualTypeOf<{ inviter: User; posts: Post; users: User | null }[]>();
    expectTypeOf(db.select().from(inviter)).resolves.toEqualTypeOf<User[]>();
  });

  it("a selection of the alias's columns is | null when it is left-joined", () => {
    const query = db
      .select({ name: users.name, inviter: inviter.name, inviterId: inviter._id, n: count(inviter._id) })
      .from(users)
      .leftJoin(inviter, eq(inviter._id, users.invitedBy))
      .groupBy(users._id);
    expectTypeOf(query).resolves.toEqualTypeOf<
      { name: string; inviter: string | null; inviterId: GenericId<'users'> | null; n: number }[]
    >();
    expectTypeOf(inviter.name._table).toEqualTypeOf<'inviter'>();
  });

  it('rejects what Drizzle rejects', () => {
    // @ts-expect-error an alias needs a name
    alias(users);
    // @ts-expect-error an alias has the columns of its table only
    inviter.title;
    // @ts-expect-error a comparison value has the column's type, aliased or not
    db.select().from(users).leftJoin(inviter, eq(inviter.age, 'old'));
    const rows = db.select().from(users).leftJoin(inviter, eq(inviter._id, users.invitedBy));
    // @ts-expect-error the left-joined alias's row may be null
    rows.then((list) => list[0]!.inviter.name);
    // @ts-expect-error the aliased row is under its alias only: no key for a table not in the select
    rows.then((list) => list[0]!.posts);
  });
});

describe('select builder rules', () => {
  it('rejects what Drizzle rejects', () => {
    // @ts-expect-error a selection takes columns and aggregates
    db.select({ name: 'users.name' });
    // @ts-expect-error where only once unless $dynamic()
    db.select().from(users).where(eq(users.name, 'a')).where(eq(users.name, 'b'));
    // @ts-expect-error withDeleted only once unless $dynamic()
    db.select().from(users).withDeleted().withDeleted();
    // @ts-expect-error limit only once unless $dynamic()
    db.select().from(users).limit(1).limit(2);
    // @ts-expect-error sum takes a numeric column
    sum(users.name);
    // @ts-expect-error avg takes a numeric column
    avg(users.email);
    // @ts-expect-error aggregate function calls cannot be nested
    count(count());
    // @ts-expect-error aggregate function calls cannot be nested
    countDistinct(count(posts._id));
    // @ts-expect-error aggregate function calls cannot be nested
    sum(count());
    // @ts-expect-error aggregate function calls cannot be nested
    avg(sum(users.age));
    // @ts-expect-error aggregate function calls cannot be nested
    min(count());
    // @ts-expect-error aggregate function calls cannot be nested
    max(max(users.age));
    // @ts-expect-error the object filter names columns of the first table
    db.select().from(users).where({ title: 'x' });
    // @ts-expect-error a comparison value has the column's type
    db.select().from(users).where(eq(users.age, 'old'));
  });

  it('$dynamic() allows repeated calls and generic helpers (Drizzle PgSelect pattern)', () => {
    const dynamic = db.select().from(users).where(eq(users.name, 'a')).$dynamic();
    expectTypeOf(dynamic.where(eq(users.name, 'b')).limit(1).limit(2)).resolves.toEqualTypeOf<User[]>();
    function withPagination<T extends ConvexSelect>(qb: T, page: number, pageSize = 10) {
      return qb.limit(pageSize).offset((page - 1) * pageSize);
    }
    withPagination(dynamic, 2);
    // Drizzle's own pattern: $dynamic() straight after from(), with or without a selection or join.
    withPagination(db.select().from(users).$dynamic(), 1);
    withPagination(db.select().from(posts).$dynamic(), 1);
    withPagination(db.select({ name: users.name }).from(users).$dynamic(), 1);
    withPagination(db.select().from(users).leftJoin(posts, eq(posts.authorId, users._id)).$dynamic(), 1);
    expectTypeOf(withPagination(db.select().from(users).$dynamic(), 1)).resolves.toBeArray();
    // @ts-expect-error a non-dynamic builder is not a ConvexSelect
    withPagination(db.select().from(users).where(eq(users.name, 'a')), 2);
  });
});

describe('db.select(getTableColumns(table))', () => {
  it('has _id and _creationTime, and loses what the caller leaves out', () => {
    const { email, ...rest } = getTableColumns(users);
    const rows = db.select(rest).from(users);
    expectTypeOf<Awaited<typeof rows>[number]>().toEqualTypeOf<Omit<User, 'email'>>();
    const all = db.select(getTableColumns(users)).from(users);
    expectTypeOf<Awaited<typeof all>[number]>().toEqualTypeOf<User>();
    // @ts-expect-error email was left out
    rows.then((r) => r[0]!.email);
  });

  it("of an alias, the alias's columns: nullable on a left join's side", () => {
    const inviter = alias(users, 'inviter');
    const rows = db.select(getTableColumns(inviter)).from(users).leftJoin(inviter, eq(inviter._id, users.invitedBy));
    expectTypeOf(rows).resolves.toEqualTypeOf<{ [K in keyof User]: User[K] | null }[]>();
  });
});
