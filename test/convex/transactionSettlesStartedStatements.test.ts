/**
 * `db.transaction(fn)` settles once every statement `fn` started on `tx` has settled, one it did
 * not await included (docs/mutations.md, Transactions), as Drizzle's driver sends COMMIT behind the
 * pending statement on the transaction's connection. Before, it resolved with `fn`'s promise: the
 * mutation could end while a cascade delete was midway, its writes made by then committed and the
 * rest refused ("Write outside of transaction" on convex-test; a deployment gives dangling promises
 * no guarantee either), leaving posts and comments referencing a deleted user. Likewise when `fn`
 * rejects beside a running statement (`Promise.all([tx.delete(...), check()])` whose check fails
 * first): the rejection reaches the caller once the statement is whole, never midway.
 */
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { eq } from '../../src/index';

/** A user with 5 posts of 3 comments each; its id. */
async function seed(t: ReturnType<typeof convexTest>) {
  return t.run(async (ctx) => {
    const u = await ctx.db.insert('users', { name: 'u', email: 'u@x', role: 'member', verified: false });
    for (let i = 0; i < 5; i++) {
      const p = await ctx.db.insert('posts', { title: `t${i}`, authorId: u });
      for (let j = 0; j < 3; j++) await ctx.db.insert('comments', { postId: p, authorId: u, body: 'c' });
    }
    return u;
  });
}

/** Row counts and dangling references after the mutation. */
function state(t: ReturnType<typeof convexTest>) {
  return t.run(async (ctx) => {
    const userIds = new Set((await ctx.db.query('users').collect()).map((row) => row._id));
    const posts = await ctx.db.query('posts').collect();
    const postIds = new Set(posts.map((row) => row._id));
    const comments = await ctx.db.query('comments').collect();
    return {
      counts: [userIds.size, posts.length, comments.length],
      danglingPosts: posts.filter((row) => !userIds.has(row.authorId)).length,
      danglingComments: comments.filter((row) => !postIds.has(row.postId) || !userIds.has(row.authorId)).length,
    };
  });
}

it('a cascade delete started on tx and not awaited is written whole once db.transaction resolves', async () => {
  const t = convexTest(schema, modules);
  const uid = await seed(t);
  let settledBeforeTransaction = false;
  const settledFirst = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    await db.transaction(async (tx) => {
      // A forgotten await: the statement runs, its error goes nowhere.
      void tx
        .delete(users)
        .where(eq(users._id, uid))
        .execute()
        .then(
          () => {
            settledBeforeTransaction = true;
          },
          () => {},
        );
    });
    const settled = settledBeforeTransaction;
    // The caller goes on with raw reads, then returns: here once the delete has begun writing.
    for (let i = 0; i < 1_000; i++) {
      if ((await ctx.db.get(uid)) === null || (await ctx.db.query('posts').collect()).length < 5) break;
    }
    return settled;
  });
  const after = await state(t);
  // The statement settled before db.transaction resolved, and is written whole: the user, its 5 posts
  // and their 15 comments are gone (today the user is gone and posts and comments are left dangling).
  expect({ settledFirst, ...after }).toEqual({
    settledFirst: true,
    counts: [0, 0, 0],
    danglingPosts: 0,
    danglingComments: 0,
  });
});

it('a transaction rejected by a sibling of a statement in Promise.all leaves no half-written statement', async () => {
  const t = convexTest(schema, modules);
  const uid = await seed(t);
  const caught = await t.run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx);
    const quotaCheck = async () => {
      await null;
      throw new Error('over quota');
    };
    try {
      await db.transaction(async (tx) => {
        await Promise.all([tx.delete(users).where(eq(users._id, uid)), quotaCheck()]);
      });
    } catch (error) {
      // The caller handles the error with raw reads, and returns: here once the delete has begun writing.
      for (let i = 0; i < 1_000; i++) {
        if ((await ctx.db.get(uid)) === null || (await ctx.db.query('posts').collect()).length < 5) break;
      }
      return String(error);
    }
    return 'no error';
  });
  expect(caught).toBe('Error: over quota');
  const after = await state(t);
  // Either the whole delete (the ORM waits for it) or none of it: never dangling references.
  expect(after.danglingPosts + after.danglingComments).toBe(0);
  expect([JSON.stringify([0, 0, 0]), JSON.stringify([1, 5, 15])]).toContain(JSON.stringify(after.counts));
});
