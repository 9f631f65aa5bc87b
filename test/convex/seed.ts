import type { GenericId } from 'convex/values';
import { isOrmError } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

type Id<T extends string> = GenericId<T>;

/**
 * The example app on convex-test with a small fixed data set:
 * users Ada (admin, 36) < Bob (25, invited by Ada) < Cy (age absent, invited by Ada)
 * < Di (age null, invited by Bob) < Eve (41); posts with publishedAt set,
 * null or absent; comments; groups Admins/Writers/Empty with memberships.
 */
export async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const user = (name: string, extra: Record<string, unknown> = {}) =>
      ctx.db.insert('users', { name, email: `${name.toLowerCase()}@x.dev`, role: 'member', verified: false, ...extra });
    const ada = await user('Ada', { role: 'admin', age: 36, verified: true });
    const bob = await user('Bob', { age: 25, invitedBy: ada, verified: true });
    const cy = await user('Cy', { invitedBy: ada });
    const di = await user('Di', { age: null, invitedBy: bob });
    const eve = await user('Eve', { age: 41, invitedBy: null });
    const post = (title: string, authorId: Id<'users'>, publishedAt?: number | null) =>
      ctx.db.insert('posts', { title, authorId, ...(publishedAt === undefined ? {} : { publishedAt }) });
    const introConvex = await post('Intro to Convex', ada, 100);
    const indexes = await post('Indexes', ada, 200);
    const draft = await post('Draft', ada);
    const introOrms = await post('Intro to ORMs', bob, 150);
    const bob2 = await post('Bob 2', bob, 300);
    const cyPost = await post('Cy post', cy, null);
    const evePost = await post('Eve post', eve, 400);
    const comment = (postId: Id<'posts'>, authorId: Id<'users'>, body: string) =>
      ctx.db.insert('comments', { postId, authorId, body });
    await comment(introConvex, bob, 'Nice');
    await comment(introConvex, cy, 'Thanks');
    await comment(indexes, bob, 'Useful');
    await comment(introOrms, ada, 'Agreed');
    const admins = await ctx.db.insert('groups', { name: 'Admins' });
    const writers = await ctx.db.insert('groups', { name: 'Writers' });
    const empty = await ctx.db.insert('groups', { name: 'Empty' });
    for (const [userId, groupId] of [
      [ada, admins],
      [ada, writers],
      [bob, writers],
      [cy, writers],
    ] as const) {
      await ctx.db.insert('usersToGroups', { userId, groupId });
    }
    return {
      users: { ada, bob, cy, di, eve },
      posts: { introConvex, indexes, draft, introOrms, bob2, cyPost, evePost },
      groups: { admins, writers, empty },
    };
  });
  return { t, ids };
}

/** What `body` does through `orm.db` on a freshly seeded backend: `{ rows }`, or `{ error }` (an OrmError's code). */
export async function seededOutcome(body: (db: ReturnType<typeof orm.db>) => PromiseLike<unknown>): Promise<unknown> {
  const { t } = await seeded();
  return t.run(async (ctx) => {
    try {
      return { rows: await body(orm.db(ctx)) };
    } catch (error) {
      return { error: isOrmError(error) ? error.code : String(error) };
    }
  });
}

type SeededDb = ReturnType<typeof orm.db>;
type SeededIds = Awaited<ReturnType<typeof seeded>>['ids'];

/** Runs `body` with a read-counting ORM db on a freshly seeded backend: its result, the reads it made, the seeded ids. */
export async function seededReads<T>(body: (db: SeededDb, ids: SeededIds) => PromiseLike<T>) {
  const { t, ids } = await seeded();
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await body(orm.db(ctx), ids);
    return { result, reads: { ...reads }, ids };
  });
}
