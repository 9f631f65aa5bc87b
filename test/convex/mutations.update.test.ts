import { describe, expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { posts, users } from '../../example/convex/schema';
import { and, createMutationApi, eq, gte, type MutationApi } from '../../src/index';
import { countReads } from '../../src/testing/index';
import { exampleBackend, ormSchema, rejection } from './mutationHarness';

async function seedUsers(db: MutationApi) {
  return db
    .insert(users)
    .values([
      { name: 'Ada', email: 'ada@x', age: 36 },
      { name: 'Bob', email: 'bob@x', age: 40 },
      { name: 'Cy', email: 'cy@x', age: 20 },
    ])
    .returning();
}

const snapshot = (_: unknown, ctx: MutationCtx) => ctx.db.query('users').collect();

describe('update on the example app', () => {
  it('update by _id costs one get and one write, and returns the row as stored', async () => {
    const { run } = exampleBackend();
    const [ada] = await run(seedUsers);
    const result = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      let patches = 0;
      const db = new Proxy(counted.ctx.db, {
        get(target, key) {
          if (key === 'patch') patches++;
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const rows = await createMutationApi(db, ormSchema)
        .update(users)
        .set({ role: 'admin' })
        .where(eq(users._id, ada!._id))
        .returning();
      return { rows, reads: { ...counted.reads }, patches, stored: await ctx.db.get(ada!._id) };
    });
    expect(result.reads).toEqual({ documents: 1, ranges: 1 });
    expect(result.patches).toBe(1);
    expect(result.rows).toEqual([{ ...ada, role: 'admin' }]);
    expect(result.stored).toEqual(result.rows[0]);
  });

  it('update by _id with set(fn) also costs one get and one write: the function gets the row the update read', async () => {
    const { run } = exampleBackend();
    const [ada] = await run(seedUsers);
    const result = await run(async (_, ctx) => {
      const counted = countReads(ctx);
      const rows = await createMutationApi(counted.ctx.db, ormSchema)
        .update(users)
        .set((user) => ({ age: (user.age ?? 0) + 1 }))
        .where(eq(users._id, ada!._id))
        .returning({ age: users.age });
      return { rows, reads: { ...counted.reads } };
    });
    expect(result).toEqual({ rows: [{ age: 37 }], reads: { documents: 1, ranges: 1 } });
  });

  it('takes the object filter, ignores undefined keys, sets null on a nullable column', async () => {
    const { run } = exampleBackend();
    await run(seedUsers);
    const rows = await run((db) =>
      db
        .update(users)
        .set({ age: null, name: undefined, verified: true })
        .where({ age: { gte: 30 } })
        .returning({ name: users.name, age: users.age, verified: users.verified }),
    );
    expect(rows).toEqual([
      { name: 'Ada', age: null, verified: true },
      { name: 'Bob', age: null, verified: true },
    ]);
    const cy = (await run(snapshot)).find((row) => row.name === 'Cy');
    expect(cy).toMatchObject({ age: 20, verified: false });
  });

  it('set({}) or only undefined values throw; where without a condition throws unless .all()', async () => {
    const { run } = exampleBackend();
    await run(seedUsers);
    const codes = await run(async (db) => {
      const attempt = (fn: () => unknown) => rejection(Promise.resolve().then(fn));
      return [
        (await attempt(() => db.update(users).set({}).all())).code,
        (await attempt(() => db.update(users).set({ name: undefined }).all())).code,
        (await attempt(() => db.update(users).set({ verified: true }).where(and()))).code,
        (await attempt(() => db.update(users).set({ verified: true }).where({}))).code,
        (await rejection(db.update(users).set({ verified: true }))).code,
      ];
    });
    expect(codes).toEqual(['INVALID_QUERY', 'INVALID_QUERY', 'INVALID_FILTER', 'INVALID_FILTER', 'INVALID_QUERY']);
    expect((await run(snapshot)).some((row) => row.verified)).toBe(false);
    await run((db) => db.update(users).set({ verified: true }).all());
    expect((await run(snapshot)).map((row) => row.verified)).toEqual([true, true, true]);
  });

  it('a multi-row update that would duplicate a unique value changes nothing', async () => {
    const { run } = exampleBackend();
    await run(seedUsers);
    const before = await run(snapshot);
    const error = await run((db) => rejection(db.update(users).set({ email: 'same@x' }).where(gte(users.age, 30))));
    expect(error).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { constraint: 'users_email_unique' } });
    expect(error.message).toContain('another row of the same statement');
    const collision = await run((db) => rejection(db.update(users).set({ email: 'bob@x' }).where({ name: 'Ada' })));
    expect(collision.code).toBe('UNIQUE_VIOLATION');
    expect(await run(snapshot)).toEqual(before);
  });

  it('re-setting a row its own unique value is not a conflict', async () => {
    const { run } = exampleBackend();
    await run(seedUsers);
    const rows = await run((db) =>
      db.update(users).set({ email: 'ada@x', name: 'Ada L.' }).where({ name: 'Ada' }).returning({ name: users.name }),
    );
    expect(rows).toEqual([{ name: 'Ada L.' }]);
  });

  it('checks, validation and foreign keys apply to the new values; nothing changes on failure', async () => {
    const { run } = exampleBackend();
    const [ada] = await run(seedUsers);
    const before = await run(snapshot);
    const check = await run((db) => rejection(db.update(users).set({ age: -5 }).where({ name: 'Bob' })));
    expect(check).toMatchObject({ code: 'CHECK_VIOLATION', details: { check: 'age_not_negative' } });
    const validation = await run((db) =>
      rejection(
        Promise.resolve().then(() =>
          db
            .update(users)
            .set({ role: 'owner' as never })
            .where({ name: 'Bob' }),
        ),
      ),
    );
    expect(validation).toMatchObject({ code: 'VALIDATION', details: { column: 'role' } });
    const [{ _id: postId }] = (await run((db) =>
      db.insert(posts).values({ title: 'T', authorId: ada!._id }).returning({ _id: posts._id }),
    )) as [{ _id: never }];
    const gone = await run(async (db) => {
      const [temp] = await db.insert(users).values({ name: 'T', email: 't@x' }).returning({ _id: users._id });
      await db.delete(users).where({ _id: temp!._id });
      return temp!._id;
    });
    const fk = await run((db) => rejection(db.update(posts).set({ authorId: gone }).where({ _id: postId })));
    expect(fk.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(await run(snapshot)).toEqual(before);
  });

  it('an update matching more rows than the row cap throws ROW_CAP_EXCEEDED and changes nothing', async () => {
    const { t, run } = exampleBackend();
    await run(seedUsers);
    const before = await run(snapshot);
    const error = await t.run((ctx) =>
      rejection(createMutationApi(ctx.db, ormSchema, { rowCap: 2 }).update(users).set({ verified: true }).all()),
    );
    expect(error).toMatchObject({ code: 'ROW_CAP_EXCEEDED', details: { rowCap: 2 } });
    expect(await run(snapshot)).toEqual(before);
  });

  it('selects rows through the planner: strict forbids a full scan, the scan budget bounds it', async () => {
    const { t, run } = exampleBackend();
    await run(seedUsers);
    const before = await run(snapshot);
    const outcome = await t.run(async (ctx) => {
      const strict = createMutationApi(ctx.db, ormSchema, { strict: true });
      const forbidden = await rejection(strict.update(users).set({ verified: true }).where({ name: 'Ada' }));
      const byIndex = await strict
        .update(users)
        .set({ age: 37 })
        .where({ email: 'ada@x' })
        .returning({ age: users.age });
      const tight = createMutationApi(ctx.db, ormSchema, { scanBudget: 2 });
      const budget = await rejection(tight.delete(users).where({ name: 'Cy' }));
      const counted = await rejection(tight.$count(users));
      return { forbidden: forbidden.code, byIndex, budget: budget.code, counted: counted.code };
    });
    expect(outcome).toEqual({
      forbidden: 'FULL_SCAN_FORBIDDEN',
      byIndex: [{ age: 37 }],
      budget: 'SCAN_BUDGET_EXCEEDED',
      counted: 'SCAN_BUDGET_EXCEEDED',
    });
    const after = await run(snapshot);
    expect(after.map((row) => row.age)).toEqual([37, ...before.slice(1).map((row) => row.age)]);
  });
});
