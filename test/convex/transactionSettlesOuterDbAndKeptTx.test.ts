/**
 * Claim check (no bug found), docs/mutations.md "Transactions":
 * - "`transaction` settles once every statement started on the `db` while the callback ran has
 *   settled, one the callback did not await": existing tests start the statement on `tx` only;
 *   here it is started on the outer `db` (not `tx`), and inside a nested `tx.transaction`, and
 *   the cascade delete is whole once `db.transaction` resolves;
 * - "a `tx` kept past the callback still reads and writes in it, as `db`": a kept `tx` of a
 *   read-write transaction writes and reads after the transaction resolved, and a kept `tx` of a
 *   read-only one still refuses writes (`INVALID_QUERY`) before reading;
 * - a rollback inside a nested transaction caught by the outer callback keeps the inner write and
 *   the outer goes on (no savepoints, docs/divergences.md "No savepoints").
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { eq, TransactionRollbackError } from '../../src/index';

async function seed(t: ReturnType<typeof convexTest>) {
  return t.run(async (ctx) => {
    const ids = [];
    for (const name of ['a', 'b']) {
      const u = await ctx.db.insert('users', { name, email: `${name}@x`, role: 'member', verified: false });
      for (let i = 0; i < 4; i++) {
        const p = await ctx.db.insert('posts', { title: `${name}${i}`, authorId: u });
        for (let j = 0; j < 3; j++) await ctx.db.insert('comments', { postId: p, authorId: u, body: 'c' });
      }
      ids.push(u);
    }
    return ids;
  });
}

it('statements started unawaited on the outer db, or in a nested transaction, are whole once it resolves', async () => {
  const t = convexTest(schema, modules);
  const [a, b] = await seed(t);
  const seen = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    let settledA = false;
    let settledB = false;
    await db.transaction(async (tx) => {
      void db
        .delete(users)
        .where(eq(users._id, a!))
        .execute()
        .then(() => {
          settledA = true;
        });
      await tx.transaction(async (inner) => {
        void inner
          .delete(users)
          .where(eq(users._id, b!))
          .execute()
          .then(() => {
            settledB = true;
          });
      });
    });
    return {
      settledA,
      settledB,
      counts: [
        (await ctx.db.query('users').collect()).length,
        (await ctx.db.query('posts').collect()).length,
        (await ctx.db.query('comments').collect()).length,
      ],
    };
  });
  expect(seen).toEqual({ settledA: true, settledB: true, counts: [0, 0, 0] });
});

it('a kept tx writes and reads after the transaction; a kept read-only tx still refuses writes', async () => {
  const t = convexTest(schema, modules);
  const out = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    let keptRw: any;
    let keptRo: any;
    await db.transaction(async (tx) => {
      keptRw = tx;
    });
    await db.transaction(
      async (tx) => {
        keptRo = tx;
      },
      { accessMode: 'read only' },
    );
    await keptRw.insert(users).values({ name: 'k', email: 'k@x' });
    const refused = await keptRo
      .insert(users)
      .values({ name: 'r', email: 'r@x' })
      .then(
        () => 'written',
        (e: { code?: string }) => e.code,
      );
    let caught: unknown = null;
    const count = await db.transaction(async (tx) => {
      try {
        await tx.transaction(async (inner) => {
          await inner.insert(users).values({ name: 'n', email: 'n@x' });
          inner.rollback();
        });
      } catch (error) {
        caught = error instanceof TransactionRollbackError;
      }
      return tx.$count(users);
    });
    return { refused, caught, count, readByKept: (await keptRw.query.users.findMany()).map((u: any) => u.email) };
  });
  expect(out).toEqual({ refused: 'INVALID_QUERY', caught: true, count: 2, readByKept: ['k@x', 'n@x'] });
});
