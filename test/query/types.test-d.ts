import type { PaginationResult } from 'convex/server';
import type { GenericId } from 'convex/values';
import { v } from 'convex/values';
import {
  convexTable,
  createOrm,
  custom,
  date,
  defineRelations,
  type InferSelectModel,
  id,
  integer,
  json,
  placeholder,
  text,
  textEnum,
  timestamp,
} from 'convex-orm';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import type { posts, users } from '../../example/convex/schema';

declare const ctx: Parameters<typeof orm.db>[0];
const db = orm.db(ctx);
type User = InferSelectModel<typeof users>;
type Post = InferSelectModel<typeof posts>;
/** A row with extras, flattened as query results are. */
type Plus<T, E> = { [K in keyof T | keyof E]: K extends keyof E ? E[K] : K extends keyof T ? T[K] : never };

describe('query result types', () => {
  it('findMany without config returns full rows; findFirst adds null', async () => {
    expectTypeOf(await db.query.users.findMany()).toEqualTypeOf<User[]>();
    expectTypeOf(await db.query.posts.findFirst()).toEqualTypeOf<Post | null>();
    expectTypeOf(await db.query.posts.findFirstOrThrow()).toEqualTypeOf<Post>();
    expectTypeOf(await db.query.posts.count()).toEqualTypeOf<number>();
  });

  it('count takes where and scanBudget only', () => {
    db.query.posts.count({ where: { title: 'x', author: { name: 'Ada' } }, scanBudget: 100 });
    // @ts-expect-error count has no limit
    db.query.posts.count({ limit: 1 });
    // @ts-expect-error unknown field at the top of where
    db.query.posts.count({ where: { nope: 1 } });
  });

  it('columns: true-mode picks, false-mode omits, non-literal booleans are dropped', async () => {
    expectTypeOf(await db.query.users.findMany({ columns: { name: true, age: false } })).toEqualTypeOf<
      { name: string }[]
    >();
    const [withoutEmail] = await db.query.users.findMany({ columns: { email: false } });
    expectTypeOf(withoutEmail!).toEqualTypeOf<Omit<User, 'email'>>();
    const flag = Math.random() > 0.5;
    expectTypeOf(await db.query.users.findMany({ columns: { _id: true, name: flag } })).toEqualTypeOf<
      { _id: GenericId<'users'> }[]
    >();
  });

  it('nested with keeps literal types without `as const` (nested columns, orderBy, limit)', async () => {
    const rows = await db.query.users.findMany({
      columns: { name: true },
      with: { posts: { orderBy: { publishedAt: 'desc' }, limit: 2 }, comments: { columns: { body: true } } },
    });
    expectTypeOf(rows).toEqualTypeOf<{ name: string; posts: Post[]; comments: { body: string }[] }[]>();
  });

  it('one is nullable by default, non-null with optional: false, nullable again with a nested where', async () => {
    const row = await db.query.posts.findFirstOrThrow({
      columns: { title: true },
      with: { author: { columns: { name: true } } },
    });
    expectTypeOf(row).toEqualTypeOf<{ title: string; author: { name: string } }>();
    const filtered = await db.query.posts.findFirstOrThrow({
      columns: { title: true },
      with: { author: { columns: { name: true }, where: { verified: true } } },
    });
    expectTypeOf(filtered.author).toEqualTypeOf<{ name: string } | null>();
    const user = await db.query.users.findFirstOrThrow({ columns: {}, with: { invitee: true } });
    expectTypeOf(user).toEqualTypeOf<{ invitee: User | null }>();
  });

  it('extras add their return types; with: false drops the key', async () => {
    const rows = await db.query.users.findMany({
      columns: { name: true },
      extras: { initial: (row) => row.name[0] ?? '', older: (row) => (row.age ?? 0) > 30 },
      with: { posts: false },
    });
    expectTypeOf(rows).toEqualTypeOf<{ name: string; initial: string; older: boolean }[]>();
  });

  it('infers a callback that is the only key of its config, at every level (TS 5.x and 7)', async () => {
    const top = await db.query.users.findMany({ extras: { lower: (u) => u.name.toLowerCase() } });
    expectTypeOf(top).toEqualTypeOf<Plus<User, { lower: string }>[]>();
    db.query.users.findMany({ orderBy: (u, { desc }) => desc(u.name) });
    db.query.posts.findFirst({ orderBy: (p) => p.title });
    const nested = await db.query.users.findFirstOrThrow({
      columns: {},
      with: { posts: { extras: { lower: (p) => p.title.toLowerCase() } } },
    });
    expectTypeOf(nested.posts).toEqualTypeOf<Plus<Post, { lower: string }>[]>();
    db.query.users.findMany({ with: { posts: { orderBy: (p, { asc }) => asc(p.title) } } });
    const deep = await db.query.users.findFirstOrThrow({
      columns: {},
      with: { posts: { columns: {}, with: { author: { extras: { shout: (a) => a.name.toUpperCase() } } } } },
    });
    expectTypeOf(deep.posts[0]!.author).toEqualTypeOf<Plus<User, { shout: string }>>();
    const page = await db.query.posts.paginate(
      { numItems: 1, cursor: null },
      { extras: { short: (p) => p.title.length < 10 } },
    );
    expectTypeOf(page.page).toEqualTypeOf<Plus<Post, { short: boolean }>[]>();
  });

  it('paginate returns a Convex PaginationResult of the shaped rows', async () => {
    const page = await db.query.posts.paginate({ numItems: 2, cursor: null }, { columns: { title: true } });
    expectTypeOf(page).toEqualTypeOf<PaginationResult<{ title: string }>>();
  });

  it('where accepts typed values, operators, relation filters and EmptyFilter', () => {
    db.query.users.findMany({
      where: { age: { gt: 1, OR: [2, { lt: 0 }] }, posts: { title: { like: 'a%' } }, NOT: { role: 'admin' } },
    });
    db.query.posts.findMany({ where: { author: true, comments: { author: { name: 'x' } } } });
  });
});

describe('query negative types', () => {
  it('rejects limit on findFirst and on a one relation, unknown options and relations', () => {
    // @ts-expect-error findFirst takes no limit
    db.query.users.findFirst({ limit: 1 });
    // @ts-expect-error a one relation takes no limit
    db.query.posts.findMany({ with: { author: { limit: 1 } } });
    // @ts-expect-error unknown config key
    db.query.users.findMany({ limitt: 1 });
    // @ts-expect-error unknown relation in with
    db.query.users.findMany({ with: { nope: true } });
    // @ts-expect-error unknown key in a nested config
    db.query.users.findMany({ with: { posts: { columns: { title: true }, wher: {} } } });
    // @ts-expect-error unknown column next to a known one in columns
    db.query.users.findMany({ columns: { name: true, nope: true } });
    // @ts-expect-error unknown field next to a known one in where
    db.query.users.findMany({ where: { name: 'x', nope: 1 } });
    // @ts-expect-error unknown field in a nested where
    db.query.users.findMany({ with: { posts: { where: { title: 'x', nope: 1 } } } });
  });

  it('rejects wrong operator value types, unknown columns and bad directions', () => {
    // @ts-expect-error age is a number
    db.query.users.findMany({ where: { age: 'old' } });
    // @ts-expect-error gt takes the column type
    db.query.users.findMany({ where: { name: { gt: 1 } } });
    // @ts-expect-error unknown column in where
    db.query.users.findMany({ where: { nope: 1 } });
    // @ts-expect-error unknown column in columns
    db.query.users.findMany({ columns: { nope: true } });
    // @ts-expect-error direction is asc or desc
    db.query.users.findMany({ orderBy: { name: 'up' } });
    // @ts-expect-error nested where uses the target's columns
    db.query.users.findMany({ with: { posts: { where: { name: 'x' } } } });
  });
});

describe('defineRelations types', () => {
  const a = convexTable('a', { name: text().notNull(), bId: id('b') });
  const b = convexTable('b', { name: text().notNull() });

  it('types relations by kind, target and optional', () => {
    const relations = defineRelations({ a, b }, (r) => ({
      a: { b: r.one.b({ from: r.a.bId, to: r.b._id, optional: false }) },
      b: { as: r.many.a() },
    }));
    expectTypeOf(relations.a.relations.b.kind).toEqualTypeOf<'one'>();
    expectTypeOf(relations.b.relations.as.targetTable).toEqualTypeOf<'a'>();
    const local = createOrm({ relations }).db(ctx);
    const query = local.query.a.findFirst({ columns: {}, with: { b: { columns: { name: true } } } });
    expectTypeOf<Awaited<typeof query>>().toEqualTypeOf<{ b: { name: string } } | null>();
  });

  it('rejects a to column of another table, optional on many, and unknown tables', () => {
    defineRelations({ a, b }, (r) => ({
      // @ts-expect-error `to` must be a column of b
      a: { b: r.one.b({ from: r.a.bId, to: r.a._id }) },
    }));
    defineRelations({ a, b }, (r) => ({
      // @ts-expect-error many has no optional
      b: { as: r.many.a({ optional: false }) },
    }));
    defineRelations({ a, b }, (r) => ({
      // @ts-expect-error no table c
      a: { c: r.one.c() },
    }));
  });
});

describe('like and its kin in the where grammar', () => {
  // Columns of every kind the run-time check (`likePattern`) tells apart.
  const notes = convexTable('notes', {
    body: text(),
    email: text().notNull().$type<string & { readonly brand: 'Email' }>(),
    level: textEnum(['low', 'high']),
    day: date(),
    ownerId: id('users'),
    count: integer(),
    at: timestamp(),
    isoAt: timestamp({ mode: 'string' }),
    anything: json(),
    shape: json<{ tags: string[] }>(),
    label: custom(v.union(v.string(), v.number())),
    point: custom(v.object({ x: v.number() })),
  });
  const notesOrm = createOrm({ relations: defineRelations({ notes }) });
  const notesDb = notesOrm.db(ctx);

  it('accepts them on columns that store strings (nullable and $type-branded text, textEnum, date, id, _id)', () => {
    notesDb.query.notes.findMany({
      where: {
        body: { like: 'a%' },
        email: { ilike: '%@example.com' },
        level: { notLike: 'l%' },
        day: { like: '2024-05-%' },
        ownerId: { notIlike: 'x%' },
        _id: { like: '%' },
        anything: { like: 'a%' },
        label: { like: 'a%' },
        NOT: { body: { like: 'b%' } },
        OR: [{ day: { like: '2025-%' } }],
      },
    });
    notesDb.query.notes.findMany({ where: { body: { OR: [{ like: 'a%' }, { NOT: { ilike: 'b%' } }] } } });
    notesOrm.query.notes.findMany({ where: { body: { like: placeholder('pattern') } } }).prepare();
  });

  it('refuses them on columns that store no strings, as the run time does (INVALID_FILTER)', () => {
    // @ts-expect-error an integer stores no strings
    notesDb.query.notes.findMany({ where: { count: { like: '1%' } } });
    // @ts-expect-error nor under NOT of the field
    notesDb.query.notes.findMany({ where: { count: { NOT: { ilike: '1%' } } } });
    // @ts-expect-error nor in the field's OR
    notesDb.query.notes.findMany({ where: { count: { OR: [{ notLike: '1%' }] } } });
    // @ts-expect-error a timestamp is milliseconds
    notesDb.query.notes.findMany({ where: { at: { like: '1%' } } });
    // @ts-expect-error a string-mode timestamp too: it is stored as milliseconds
    notesDb.query.notes.findMany({ where: { isoAt: { notIlike: '2024-%' } } });
    // @ts-expect-error _creationTime is milliseconds
    notesDb.query.notes.findMany({ where: { _creationTime: { like: '1%' } } });
    // @ts-expect-error a json column typed without strings
    notesDb.query.notes.findMany({ where: { shape: { like: 'a%' } } });
    // @ts-expect-error a custom column whose validator holds no strings
    notesDb.query.notes.findMany({ where: { point: { ilike: 'a%' } } });
    // @ts-expect-error a placeholder does not make it fit
    notesOrm.query.notes.findMany({ where: { count: { like: placeholder('pattern') } } });
    const writer = notesOrm.db({} as MutationCtx);
    // @ts-expect-error in a statement's where too
    writer.delete(notes).where({ count: { like: '1%' } });
  });
});

describe('relation orderBy types', () => {
  it('accepts one-relation columns, many counts and aggregates; rejects plain directions below many', () => {
    db.query.posts.findMany({ orderBy: { author: { name: 'asc' } } });
    db.query.users.findMany({ orderBy: { posts: 'desc(count)', name: 'asc' } });
    db.query.users.findMany({ orderBy: { posts: { publishedAt: 'desc(max)' } } });
    // @ts-expect-error below a many relation directions are aggregated
    db.query.users.findMany({ orderBy: { posts: { publishedAt: 'desc' } } });
  });

  it("takes the aggregates Postgres has of a column's kind: min/max of ordered ones, avg of numbers", () => {
    db.query.groups.findMany({ orderBy: { members: { age: 'desc(avg)', verified: 'desc(count)', _id: 'asc(min)' } } });
    db.query.groups.findMany({ orderBy: { members: { verified: 'asc(first)' } } });
    // @ts-expect-error Postgres has no max(boolean)
    db.query.groups.findMany({ orderBy: { members: { verified: 'desc(max)' } } });
    // @ts-expect-error nor avg(timestamp)
    db.query.users.findMany({ orderBy: { posts: { publishedAt: 'desc(avg)' } } });
  });
});

describe('queries and statements are promises', () => {
  it('a query is assignable to Promise<T> and has catch/finally', () => {
    const many: Promise<User[]> = db.query.users.findMany();
    const first: Promise<Post | null> = db.query.posts.findFirst();
    const page: Promise<PaginationResult<Post>> = db.query.posts.paginate({ numItems: 1, cursor: null });
    const count: Promise<number> = db.query.posts.count();
    expectTypeOf(db.query.users.findMany()).toExtend<Promise<User[]>>();
    expectTypeOf(db.query.posts.count().catch(() => 'failed' as const)).toEqualTypeOf<Promise<number | 'failed'>>();
    expectTypeOf(db.query.posts.count().finally(() => {})).toEqualTypeOf<Promise<number>>();
    expectTypeOf(db.query.posts.count()[Symbol.toStringTag]).toEqualTypeOf<string>();
    // @ts-expect-error the result type is kept: users are not posts
    const wrong: Promise<Post[]> = db.query.users.findMany();
    // @ts-expect-error a count is not a row
    const notRows: Promise<User[]> = db.query.users.count();
    void [many, first, page, count, wrong, notRows];
  });
});
