import { describe, expect, it } from 'vitest';
import { posts, users } from '../../example/convex/schema';
import { createMutationApi } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend, ormSchema, rejection } from './mutationHarness';

const ada = { name: 'Ada', email: 'ada@x' };

describe('insert on the example app', () => {
  it('stores defaults and explicit nulls, resolves to undefined without returning', async () => {
    const { run } = exampleBackend();
    const resolvedUndefined = await run(async (db) => (await db.insert(users).values(ada)) === undefined);
    expect(resolvedUndefined).toBe(true);
    const [row] = await run((_, ctx) => ctx.db.query('users').collect());
    expect(row).toMatchObject({
      name: 'Ada',
      email: 'ada@x',
      role: 'member',
      verified: false,
      age: null,
      invitedBy: null,
    });
  });

  it('returning() gives whole stored rows with _id and _creationTime, in order', async () => {
    const { run } = exampleBackend();
    const rows = await run((db) =>
      db
        .insert(users)
        .values([ada, { name: 'Bob', email: 'bob@x', role: 'admin', age: 40 }])
        .returning(),
    );
    expect(rows.map((row) => [row.name, row.role, row.age])).toEqual([
      ['Ada', 'member', null],
      ['Bob', 'admin', 40],
    ]);
    const stored = await run((_, ctx) => Promise.all(rows.map((row) => ctx.db.get(row._id))));
    expect(stored).toEqual(rows);
  });

  it('returning({ ... }) gives the selected columns under their keys', async () => {
    const { run } = exampleBackend();
    const rows = await run((db) =>
      db.insert(users).values(ada).returning({ id: users._id, mail: users.email, age: users.age }),
    );
    expect(rows).toEqual([{ id: expect.any(String), mail: 'ada@x', age: null }]);
  });

  it('insert with one unique column costs one index range per row and reads no document', async () => {
    const { run } = exampleBackend();
    const reads = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      const db = createMutationApi(counted.ctx.db, ormSchema);
      await db.insert(users).values([1, 2, 3, 4, 5].map((i) => ({ name: `U${i}`, email: `u${i}@x` })));
      return { ...counted.reads };
    });
    expect(reads).toEqual({ documents: 0, ranges: 5 });
    expect(await run((_, ctx) => ctx.db.query('users').collect())).toHaveLength(5);
  });

  it('foreign-key checks are memoized per statement: 10 posts of one author cost one get', async () => {
    const { run } = exampleBackend();
    const [author] = await run((db) => db.insert(users).values(ada).returning({ _id: users._id }));
    const reads = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      const db = createMutationApi(counted.ctx.db, ormSchema);
      await db.insert(posts).values(Array.from({ length: 10 }, (_, i) => ({ title: `P${i}`, authorId: author!._id })));
      return { ...counted.reads };
    });
    expect(reads).toEqual({ documents: 1, ranges: 1 });
    expect(await run((_, ctx) => ctx.db.query('posts').collect())).toHaveLength(10);
  });

  it('a multi-row insert whose third row violates a constraint writes nothing', async () => {
    const { run } = exampleBackend();
    for (const bad of [
      { name: 'C', email: 'a@x' }, // duplicate of row 1 within the statement
      { name: 'C', email: 'c@x', age: -1 }, // check age_not_negative
      { name: 'C', email: 'c@x', age: 1.5 }, // integer
    ]) {
      const error = await run((db) =>
        rejection(db.insert(users).values([{ name: 'A', email: 'a@x' }, { name: 'B', email: 'b@x' }, bad])),
      );
      expect(error.code).toBe(
        bad.email === 'a@x' ? 'UNIQUE_VIOLATION' : bad.age === -1 ? 'CHECK_VIOLATION' : 'VALIDATION',
      );
      expect(await run((_, ctx) => ctx.db.query('users').collect())).toEqual([]);
    }
  });

  it('rejects a post whose author does not exist (FOREIGN_KEY_VIOLATION) and writes nothing', async () => {
    const { run } = exampleBackend();
    const [{ _id: gone }] = (await run((db) => db.insert(users).values(ada).returning({ _id: users._id }))) as [
      { _id: never },
    ];
    await run((db) => db.delete(users).where({ _id: gone }));
    const error = await run((db) => rejection(db.insert(posts).values([{ title: 'ok?', authorId: gone }])));
    expect(error.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(error.message).toContain('posts_authorId_fk');
    expect(await run((_, ctx) => ctx.db.query('posts').collect())).toEqual([]);
  });

  it('validation errors name the table and column, and nothing is written', async () => {
    const { run } = exampleBackend();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...ada, age: 'old' }, 'age', /"users\.age": expected an integer, got "old"/],
      [{ ...ada, age: 2.5 }, 'age', /expected an integer, got 2\.5/],
      [{ ...ada, role: 'owner' }, 'role', /expected one of "admin", "member", got "owner"/],
      [{ ...ada, nickname: 'A' }, 'nickname', /has no column "nickname"/],
      [{ ...ada, constructor: 'A' }, 'constructor', /has no column "constructor"/],
      [{ ...ada, toString: 'A' }, 'toString', /has no column "toString"/],
      [{ email: 'x@x' }, 'name', /"users\.name" is required/],
      [{ ...ada, name: null }, 'name', /"users\.name" is notNull; got null/],
      [{ ...ada, invitedBy: 'not-an-id' }, 'invitedBy', /expected an id of table "users"/],
      [{ ...ada, _id: 'x' }, '_id', /system field/],
    ];
    for (const [row, column, message] of cases) {
      const error = await run((db) => rejection(db.insert(users).values(row as never)));
      expect(error).toMatchObject({ code: 'VALIDATION', table: 'users', details: { column } });
      expect(error.message).toMatch(message);
    }
    expect(await run((_, ctx) => ctx.db.query('users').collect())).toEqual([]);
  });

  it('rejects an empty values() list and a row count over the row cap before writing', async () => {
    const { run } = exampleBackend({ rowCap: 2 });
    expect((await run((db) => rejection(db.insert(users).values([])))).code).toBe('INVALID_QUERY');
    const rows = [1, 2, 3].map((i) => ({ name: `U${i}`, email: `u${i}@x` }));
    const error = await run((db) => rejection(db.insert(users).values(rows)));
    expect(error).toMatchObject({ code: 'ROW_CAP_EXCEEDED', table: 'users', details: { rowCap: 2 } });
    expect(await run((_, ctx) => ctx.db.query('users').collect())).toEqual([]);
  });

  it('a duplicate of a stored unique value is UNIQUE_VIOLATION naming the constraint', async () => {
    const { run } = exampleBackend();
    await run((db) => db.insert(users).values(ada));
    const error = await run((db) =>
      rejection(
        db.insert(users).values([
          { name: 'New', email: 'new@x' },
          { name: 'Ada2', email: 'ada@x' },
        ]),
      ),
    );
    expect(error).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      table: 'users',
      details: { constraint: 'users_email_unique' },
    });
    expect(await run((_, ctx) => ctx.db.query('users').collect())).toHaveLength(1);
  });

  it('statements run concurrently in one mutation (Promise.all) still see each other: no duplicate unique value', async () => {
    const { run } = exampleBackend();
    const outcomes = await run(async (db) => {
      const results = await Promise.allSettled([
        db.insert(users).values({ name: 'A', email: 'same@x' }),
        db.insert(users).values({ name: 'B', email: 'same@x' }),
      ]);
      return results.map((result) => (result.status === 'fulfilled' ? 'ok' : (result.reason as { code: string }).code));
    });
    expect(outcomes).toEqual(['ok', 'UNIQUE_VIOLATION']);
    expect((await run((_, ctx) => ctx.db.query('users').collect())).map((row) => row.name)).toEqual(['A']);
  });

  it('a value Convex itself refuses (a "$" field name in a json column) fails before the first write', async () => {
    const { run } = exampleBackend();
    const outcome = await run(async (db, ctx) => {
      const [author] = await db.insert(users).values({ name: 'A', email: 'a@x' }).returning({ _id: users._id });
      const error = await rejection(
        db.insert(posts).values([
          { title: 'fine', authorId: author!._id },
          { title: 'bad', authorId: author!._id, meta: { $tags: ['x'] } as never },
        ]),
      );
      return { error, posts: (await ctx.db.query('posts').collect()).length };
    });
    expect(outcome.error).toMatchObject({ code: 'VALIDATION', table: 'posts', details: { column: 'meta' } });
    expect(outcome.error.message).toContain('$tags');
    expect(outcome.posts).toBe(0);
  });

  it('a failing statement caught inside the mutation leaves nothing while earlier statements stay', async () => {
    const { run } = exampleBackend();
    const names = await run(async (db, ctx) => {
      await db.insert(users).values(ada);
      await rejection(
        db.insert(users).values([
          { name: 'B', email: 'b@x' },
          { name: 'C', email: 'ada@x' },
        ]),
      );
      return (await ctx.db.query('users').collect()).map((row: { name: string }) => row.name);
    });
    expect(names).toEqual(['Ada']);
  });
});
