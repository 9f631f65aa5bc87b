import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { api } from '../../example/convex/_generated/api';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { gt, TransactionRollbackError } from '../../src/index';
import { exampleBackend } from './mutationHarness';

describe('db.transaction', () => {
  it('runs the callback in the surrounding mutation and passes its return value through', async () => {
    const { run } = exampleBackend();
    const result = await run((db) =>
      db.transaction(async (tx) => {
        await tx.insert(users).values({ name: 'Ada', email: 'ada@x' });
        const inner = await tx.transaction(async (nested) => nested.$count(users));
        return { inner, outer: await tx.$count(users) };
      }),
    );
    expect(result).toEqual({ inner: 1, outer: 1 });
  });

  it('tx.rollback() throws TransactionRollbackError', async () => {
    const { run } = exampleBackend();
    const thrown = await run(async (db) => {
      try {
        await db.transaction(async (tx) => tx.rollback());
        return null;
      } catch (error) {
        return error instanceof TransactionRollbackError ? (error as TransactionRollbackError).message : 'other';
      }
    });
    expect(thrown).toBe('Rollback');
  });

  it('a rollback that propagates aborts the whole Convex mutation: nothing is written', async () => {
    const t = convexTest(schema, modules);
    await t.mutation(api.mutations.createUser, { name: 'Ada', email: 'ada@x' });
    await expect(t.mutation(api.mutations.createThenRollback, { email: 'temp@x' })).rejects.toThrow(/Rollback/);
    const emails = (await t.query(api.users.list, {})).map((row) => row.email);
    expect(emails).toEqual(['ada@x']);
  });

  it('divergence: a rollback caught by user code keeps the writes made before it (no savepoints)', async () => {
    const t = convexTest(schema, modules);
    const count = await t.mutation(api.mutations.createThenCatchRollback, { email: 'kept@x' });
    expect(count).toBe(1);
    expect((await t.query(api.users.list, {})).map((row) => row.email)).toEqual(['kept@x']);
  });
});

describe('db.$count', () => {
  it('counts all rows, an operator filter, or an object filter', async () => {
    const { run } = exampleBackend();
    const counts = await run(async (db) => {
      await db.insert(users).values([
        { name: 'A', email: 'a@x', age: 10 },
        { name: 'B', email: 'b@x', age: 50 },
        { name: 'C', email: 'c@x' },
      ]);
      return [
        await db.$count(users),
        await db.$count(users, gt(users.age, 20)),
        await db.$count(users, { age: { isNull: true } }),
      ];
    });
    expect(counts).toEqual([3, 1, 1]);
  });
});
