// Pins (a new user's first day): a table in defineSchema but left out of defineRelations' tables lost
// its foreign keys silently: an insert into it was not checked (now every statement checks its table
// is the relations' own, statementTable), and deleting a row it references did not cascade to it,
// leaving its rows dangling. Now no statement of an ORM whose relations leave out a table that
// references theirs runs: INVALID_SCHEMA naming the table, before any read or write
// (assertStatementRuns, src/schema/deployedSchemas.ts).
import { createOrm, defineRelations, isOrmError } from 'convex-orm';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { comments, posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

/** `comments` (references posts and users, onDelete cascade) is left out. */
function forgetfulOrm() {
  return createOrm({
    relations: defineRelations({ users, posts }, (r) => ({
      posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
    })),
  });
}

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'written';
  } catch (error) {
    return isOrmError(error) ? `${error.code}: ${error.message}` : `raw ${String(error)}`;
  }
}

async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const authorId = await ctx.db.insert('users', {
      name: 'Ada',
      email: 'ada@example.com',
      role: 'member',
      verified: true,
    });
    const postId = await ctx.db.insert('posts', { authorId, title: 'Hello' });
    await ctx.db.insert('comments', { postId, authorId, body: 'first' });
    return { authorId, postId };
  });
  return { t, ...ids };
}

describe('a table left out of defineRelations', () => {
  it('an insert into it is refused (not a relations table), and nothing is written', async () => {
    const { t, authorId, postId } = await seeded();
    const result = await t.run(async (ctx) => ({
      outcome: await outcome(() =>
        forgetfulOrm().db(ctx).insert(comments).values({ postId, authorId, body: 'unchecked' }),
      ),
      comments: (await ctx.db.query('comments').collect()).length,
    }));
    expect(result.outcome).toMatch(/^INVALID_SCHEMA: /);
    expect(result.comments).toBe(1);
  });

  it('a delete of a row it references is refused naming it, and deletes nothing (no dangling comment)', async () => {
    const { t, postId } = await seeded();
    const result = await t.run(async (ctx) => ({
      outcome: await outcome(() => forgetfulOrm().db(ctx).delete(posts).where({ _id: postId })),
      post: (await ctx.db.get(postId)) !== null,
      comments: (await ctx.db.query('comments').collect()).length,
    }));
    expect(result.outcome).toMatch(
      /^INVALID_SCHEMA: Table "comments" references "(posts|users)" .* not among the tables given to defineRelations.* Add "comments"/,
    );
    expect(result).toMatchObject({ post: true, comments: 1 });
  });

  it('an insert, update or delete of another relations table is refused too, so a cascade cannot reach the table', async () => {
    const { t, authorId } = await seeded();
    const result = await t.run(async (ctx) => ({
      update: await outcome(() => forgetfulOrm().db(ctx).update(users).set({ name: 'B' }).where({ _id: authorId })),
      delete: await outcome(() => forgetfulOrm().db(ctx).delete(users).where({ _id: authorId })),
      insert: await outcome(() =>
        forgetfulOrm()
          .db(ctx)
          .insert(users)
          .values({ name: 'C', email: 'c@example.com', role: 'member', verified: true }),
      ),
      comments: (await ctx.db.query('comments').collect()).length,
      users: (await ctx.db.query('users').collect()).map((user) => user.name),
    }));
    for (const key of ['update', 'delete', 'insert'] as const)
      expect(result[key]).toMatch(/^INVALID_SCHEMA: Table "comments"/);
    expect(result).toMatchObject({ comments: 1, users: ['Ada'] });
  });

  it('reads still run: the ORM knows nothing to enforce on a read', async () => {
    const { t } = await seeded();
    const titles = await t.run(async (ctx) =>
      (await forgetfulOrm().db(ctx).query.posts.findMany()).map((post) => post.title),
    );
    expect(titles).toEqual(['Hello']);
  });
});
