// docs/divergences.md, "Transactions started together are not isolated from each other": the
// mutation is one serializable transaction against other mutations, but two `db.transaction`s of
// one mutation started together run their statements in turns, so a count-then-insert guard in
// both passes (on Postgres each Drizzle transaction has a connection of its own and serializable
// isolation keeps the effect of some serial order). Awaited one after the other, the guard holds.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { posts, relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, TransactionRollbackError } from '../../src/index';

const orm = createOrm({ relations });

async function twoGuardedInserts(together: boolean) {
  const t = convexTest(schema, modules);
  const authorId = await t.run(async (ctx) => {
    const u = await ctx.db.insert('users', { name: 'a', email: 'a@x', role: 'member', verified: false });
    for (let i = 0; i < 9; i++) await ctx.db.insert('posts', { title: `p${i}`, authorId: u });
    return u;
  });
  const outcomes = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    // At most 10 posts an author: check, then insert.
    const addPost = (title: string) =>
      db
        .transaction(
          async (tx) => {
            if ((await tx.$count(posts, { authorId })) >= 10) tx.rollback();
            await tx.insert(posts).values({ title, authorId });
          },
          { isolationLevel: 'serializable' },
        )
        .then(
          () => 'committed',
          (error) => (error instanceof TransactionRollbackError ? 'rolled back' : String(error)),
        );
    return together ? Promise.all([addPost('x'), addPost('y')]) : [await addPost('x'), await addPost('y')];
  });
  const count = await t.run(async (ctx) => (await ctx.db.query('posts').collect()).length);
  return { outcomes, count };
}

it('divergence: two transactions started together both pass a count-then-insert guard', async () => {
  expect(await twoGuardedInserts(true)).toEqual({ outcomes: ['committed', 'committed'], count: 11 });
});

it('awaited one after the other, the second sees the first and rolls back', async () => {
  expect(await twoGuardedInserts(false)).toEqual({ outcomes: ['committed', 'rolled back'], count: 10 });
});
