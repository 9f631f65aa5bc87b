import type { GenericId } from 'convex/values';
import { describe, expectTypeOf, it } from 'vitest';
import type { MutationCtx, QueryCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import { posts, users } from '../../example/convex/schema';
import { createMutationApi, eq, type InferSelectModel, type MutationApi } from '../../src/index';
import { codes } from './fixture';

declare const db: MutationApi;
declare const mutationCtx: MutationCtx;
declare const userId: GenericId<'users'>;
declare const user: InferSelectModel<typeof users>;

describe('insert types', () => {
  it('requires notNull columns without a default; others are optional', () => {
    db.insert(users).values({ name: 'a', email: 'b' });
    db.insert(users).values([{ name: 'a', email: 'b', role: 'admin', age: null, invitedBy: userId }]);
    // @ts-expect-error email is notNull without a default
    db.insert(users).values({ name: 'a' });
    // @ts-expect-error role is an enum
    db.insert(users).values({ name: 'a', email: 'b', role: 'owner' });
    // @ts-expect-error age is a number
    db.insert(users).values({ name: 'a', email: 'b', age: '3' });
    // @ts-expect-error unknown column
    db.insert(users).values({ name: 'a', email: 'b', nickname: 'x' });
    // @ts-expect-error authorId must be an id of users
    db.insert(posts).values({ title: 't', authorId: 'plain string' });
  });

  it('a read row is no insert value: Convex sets _id and _creationTime (the runtime: VALIDATION)', () => {
    const { _id, _creationTime, ...copy } = user;
    db.insert(users).values({ ...copy, email: 'copy@x' });
    // @ts-expect-error the spread row holds _id and _creationTime
    db.insert(users).values({ ...user, email: 'copy@x' });
    // @ts-expect-error nor in a list of rows
    db.insert(users).values([{ name: 'a', email: 'b' }, user]);
    // @ts-expect-error nor written out
    db.insert(users).values({ name: 'a', email: 'b', _creationTime: 1 });
    db.insert(users)
      .values(copy)
      // @ts-expect-error an upsert's set is not the row it conflicts with: no system fields
      .onConflictDoUpdate({ target: users.email, set: { ...user } });
  });

  it('resolves to void, whole rows, or the selected columns', () => {
    expectTypeOf(db.insert(users).values({ name: 'a', email: 'b' })).resolves.toEqualTypeOf<void>();
    expectTypeOf(db.insert(users).values({ name: 'a', email: 'b' }).returning()).resolves.toEqualTypeOf<
      InferSelectModel<typeof users>[]
    >();
    expectTypeOf(
      db.insert(users).values({ name: 'a', email: 'b' }).returning({ id: users._id, age: users.age }),
    ).resolves.toEqualTypeOf<{ id: GenericId<'users'>; age: number | null }[]>();
    expectTypeOf(db.insert(codes).values({}).returning({ seenAt: codes.seenAt })).resolves.toEqualTypeOf<
      { seenAt: string | null }[]
    >();
    // @ts-expect-error returning takes columns of the inserted table
    db.insert(users).values({ name: 'a', email: 'b' }).returning({ title: posts.title });
  });

  it('onConflict targets are columns of the table; set is typed like update', () => {
    db.insert(users)
      .values({ name: 'a', email: 'b' })
      .onConflictDoUpdate({ target: users.email, set: { name: 'c' }, setWhere: { role: 'admin' } });
    db.insert(users)
      .values({ name: 'a', email: 'b' })
      .onConflictDoNothing({ target: [users.email] });
    // @ts-expect-error target must be a column of users
    db.insert(users).values({ name: 'a', email: 'b' }).onConflictDoNothing({ target: posts.title });
    const inserted = db.insert(users).values({ name: 'a', email: 'b' });
    // @ts-expect-error set values are typed
    inserted.onConflictDoUpdate({ target: users.email, set: { age: 'x' } });
    // Drizzle's deprecated spelling of setWhere, typed the same way
    inserted.onConflictDoUpdate({ target: users.email, set: { name: 'c' }, where: { role: 'admin' } });
    // @ts-expect-error setWhere or its deprecated spelling where, not both (INVALID_QUERY at run time)
    inserted.onConflictDoUpdate({ target: users.email, set: { name: 'c' }, setWhere: { role: 'admin' }, where: {} });
    // @ts-expect-error where filters the row's own columns
    inserted.onConflictDoUpdate({ target: users.email, set: { name: 'c' }, where: { title: 'x' } });
    // @ts-expect-error no partial-index arbiter (Convex has no partial indexes)
    inserted.onConflictDoUpdate({ target: users.email, set: { name: 'c' }, targetWhere: { role: 'admin' } });
    // @ts-expect-error onConflictDoNothing's where names a partial index too
    inserted.onConflictDoNothing({ target: users.email, where: { role: 'admin' } });
  });
});

describe('update and delete types', () => {
  it('set takes optional typed columns, null only for nullable ones, undefined ignored', () => {
    db.update(users).set({ age: null, name: undefined }).where(eq(users._id, userId));
    // @ts-expect-error name is notNull
    db.update(users).set({ name: null });
    // @ts-expect-error unknown column
    db.update(users).set({ nickname: 'x' });
    // @ts-expect-error system fields cannot be set
    db.update(users).set({ _id: userId });
  });

  it('set(fn) gets the row as selected and returns the same typed values', () => {
    db.update(users)
      .set((user) => {
        expectTypeOf(user).toEqualTypeOf<InferSelectModel<typeof users>>();
        return { age: (user.age ?? 0) + 1, name: undefined };
      })
      .where(eq(users._id, userId));
    // @ts-expect-error name is notNull
    db.update(users).set(() => ({ name: null }));
    // @ts-expect-error unknown column
    db.update(users).set(() => ({ nickname: 'x' }));
    // @ts-expect-error age is a number
    db.update(users).set((user) => ({ age: user.name }));
    // @ts-expect-error the row has no column "nickname"
    db.update(users).set((user) => ({ name: user.nickname }));
    // @ts-expect-error the values are computed synchronously, not awaited
    db.update(users).set(async () => ({ age: 1 }));
  });

  it('a read row spreads into set(): its own _id and _creationTime are left out at run time', () => {
    db.update(users)
      .set({ ...user, name: 'b' })
      .where(eq(users._id, user._id));
    db.update(users)
      .set((row) => ({ ...row, name: `${row.name}!` }))
      .all();
    db.update(users)
      .set((row) => row)
      .all();
    // @ts-expect-error written out, a system field is an excess property (no update changes it)
    db.update(users).set(() => ({ _creationTime: 1 }));
  });

  it('where takes operator expressions and typed where-objects', () => {
    db.update(users)
      .set({ age: 1 })
      .where({ age: { gt: 3 }, OR: [{ role: 'admin' }, { verified: true }] });
    db.delete(posts).where({ authorId: userId });
    // @ts-expect-error role is an enum
    db.delete(users).where({ role: 'owner' });
    // @ts-expect-error unknown column in a where-object
    db.delete(users).where({ nickname: 'x' });
    // @ts-expect-error update needs where() or all() before it can run
    void db.update(users).set({ age: 1 }).returning;
  });

  it('returning types after update and delete', () => {
    expectTypeOf(db.update(users).set({ age: 1 }).all().returning()).resolves.toEqualTypeOf<
      InferSelectModel<typeof users>[]
    >();
    expectTypeOf(db.delete(posts).where({ authorId: userId }).returning({ t: posts.title })).resolves.toEqualTypeOf<
      { t: string }[]
    >();
    expectTypeOf(db.delete(posts).where({ authorId: userId })).resolves.toEqualTypeOf<void>();
    // Awaiting a delete or update without .where() / .all() throws INVALID_QUERY: it resolves to nothing.
    expectTypeOf(db.delete(posts)).resolves.toBeNever();
    expectTypeOf(db.update(users).set({ verified: true })).resolves.toBeNever();
    expectTypeOf(db.$count(users, { age: { gt: 1 } })).resolves.toEqualTypeOf<number>();
  });

  it('rejects a second returning() on insert, update and delete (Drizzle: "method was already called")', async () => {
    const inserted = db.insert(users).values({ name: 'a', email: 'b' }).returning();
    // @ts-expect-error returning was already called
    inserted.returning();
    // @ts-expect-error returning was already called, also after an onConflict clause
    inserted.onConflictDoNothing().returning({ id: users._id });
    expectTypeOf(await inserted.onConflictDoNothing()).toEqualTypeOf<InferSelectModel<typeof users>[]>();
    const upserted = db
      .insert(users)
      .values({ name: 'a', email: 'b' })
      .onConflictDoUpdate({ target: users.email, set: { name: 'c' } })
      .returning({ id: users._id });
    expectTypeOf(await upserted).toEqualTypeOf<{ id: GenericId<'users'> }[]>();
    // @ts-expect-error returning was already called
    upserted.returning();
    // @ts-expect-error returning was already called
    db.update(users).set({ age: 1 }).all().returning().returning();
    // @ts-expect-error returning was already called
    db.delete(posts).where({ authorId: userId }).returning({ t: posts.title }).returning();
  });

  it('transaction passes the return value and gives rollback(): never', async () => {
    const value = await db.transaction(async (tx) => {
      expectTypeOf(tx.rollback).returns.toEqualTypeOf<never>();
      return 42 as const;
    });
    expectTypeOf(value).toEqualTypeOf<42>();
  });
});

describe('orm.db(ctx)', () => {
  it('has the mutation API for a mutation ctx only, and tx keeps the query API', () => {
    const reader = orm.db({} as QueryCtx);
    // @ts-expect-error queries cannot write
    void reader.insert;
    // @ts-expect-error queries cannot write
    void reader.update;
    // @ts-expect-error queries cannot write
    void reader.delete;
    // @ts-expect-error queries cannot write
    void reader.transaction;
    const writer = orm.db({} as MutationCtx);
    expectTypeOf(writer.insert(users).values({ name: 'a', email: 'b' })).resolves.toEqualTypeOf<void>();
    writer.delete(users).where({ posts: { title: { like: 'A%' } }, invitee: true });
    writer
      .update(posts)
      .set({ title: 't' })
      .where({ author: { role: 'admin' } });
    // @ts-expect-error a relation filter takes the target table's columns
    writer.delete(users).where({ posts: { nickname: 'x' } });
    // @ts-expect-error without the ORM's relations, where-objects have columns only
    db.delete(users).where({ posts: true });
    void writer.transaction(async (tx) => {
      expectTypeOf(tx.query.users.findFirst).toBeFunction();
      expectTypeOf(tx.rollback).returns.toEqualTypeOf<never>();
    });
  });
});

describe('statements are promises', () => {
  it('a statement is assignable to Promise<T> with its result type', () => {
    type User = InferSelectModel<typeof users>;
    const inserted: Promise<void> = db.insert(users).values({ name: 'a', email: 'b' });
    const updated: Promise<User[]> = db.update(users).set({ age: 1 }).all().returning();
    const deleted: Promise<{ t: string }[]> = db
      .delete(posts)
      .where({ authorId: userId })
      .returning({ t: posts.title });
    const counted: Promise<number> = db.$count(users);
    expectTypeOf(db.$count(users).catch(() => null)).toEqualTypeOf<Promise<number | null>>();
    // @ts-expect-error an insert without returning resolves to void, not rows
    const rows: Promise<User[]> = db.insert(users).values({ name: 'a', email: 'b' });
    void [inserted, updated, deleted, counted, rows];
  });
});

describe('createMutationApi', () => {
  it("takes a mutation's ctx or its ctx.db, not a query's", () => {
    expectTypeOf(createMutationApi(mutationCtx, orm.schema)).toEqualTypeOf<MutationApi>();
    expectTypeOf(createMutationApi(mutationCtx.db, orm.schema)).toEqualTypeOf<MutationApi>();
    // @ts-expect-error a query's db cannot write
    createMutationApi({} as QueryCtx['db'], orm.schema);
    // @ts-expect-error neither a ctx nor a database
    createMutationApi({ meta: {} }, orm.schema);
  });
});
