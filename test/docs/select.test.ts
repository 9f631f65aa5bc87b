import { alias, asc, count, desc, eq, gt, like } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MutationCtx } from '../../example/convex/_generated/server';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { guide, missingBlocks, tsBlocks } from './guideBlocks';
import { postsByTitle } from './select.prepared';

type User = typeof users.$inferSelect;
type Post = typeof posts.$inferSelect;

/** Ada; Bob, invited by Ada, with two posts; Cy, invited by Bob, an admin with one post. */
async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada', email: 'ada@x', role: 'member', verified: false });
    const bob = await ctx.db.insert('users', {
      name: 'Bob',
      email: 'bob@x',
      role: 'member',
      verified: false,
      invitedBy: ada,
    });
    const cy = await ctx.db.insert('users', {
      name: 'Cy',
      email: 'cy@x',
      role: 'admin',
      verified: false,
      invitedBy: bob,
    });
    await ctx.db.insert('posts', { title: 'b1', authorId: bob });
    await ctx.db.insert('posts', { title: 'b2', authorId: bob });
    await ctx.db.insert('posts', { title: 'c1', authorId: cy });
    return { ada, bob, cy };
  });
  return { t, ...ids };
}

describe('docs/select.md', () => {
  it('shows the type-checked select.ts', () => {
    expect(tsBlocks(guide('select'))).toHaveLength(4);
    expect(missingBlocks('select', ['select.ts', 'select.prepared.ts'])).toEqual([]);
  });

  it('runs the per-row count: each user’s posts, one index range per user', async () => {
    const { t } = await seeded();
    const { rows, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw as MutationCtx);
      const db = orm.db(ctx);
      const rows = await db
        .select({ name: users.name, posts: db.$count(posts, eq(posts.authorId, users._id)) })
        .from(users)
        .orderBy(asc(users.name))
        .limit(20);
      expectTypeOf(rows).toEqualTypeOf<{ name: string; posts: number }[]>();
      return { rows, reads: { ...reads } };
    });
    expect(rows).toEqual([
      { name: 'Ada', posts: 0 },
      { name: 'Bob', posts: 2 },
      { name: 'Cy', posts: 1 },
    ]);
    // The users (3 documents, 1 range), then each user's posts (3 documents, 3 ranges).
    expect(reads).toEqual({ documents: 6, ranges: 4 });
  });

  it('runs the prepared select: the rows and reads of the same select built in the call', async () => {
    const { t } = await seeded();
    const [prepared, built] = await t.run(async (raw) => {
      const run = async (select: (ctx: MutationCtx) => PromiseLike<unknown>) => {
        const { ctx, reads } = countReads(raw as MutationCtx);
        return { rows: await select(ctx), reads: { ...reads } };
      };
      return [
        await run((ctx) => postsByTitle.execute(ctx, { pattern: 'b%', limit: 20 })),
        await run((ctx) =>
          orm
            .db(ctx)
            .select({ title: posts.title, author: users.name })
            .from(posts)
            .innerJoin(users, eq(posts.authorId, users._id))
            .where(like(posts.title, 'b%'))
            .orderBy(posts.title)
            .limit(20),
        ),
      ];
    });
    expect(prepared.rows).toEqual([
      { title: 'b1', author: 'Bob' },
      { title: 'b2', author: 'Bob' },
    ]);
    expect(prepared).toEqual(built);
  });

  it('runs the first example: rows and types as its comments say', async () => {
    const { t, bob } = await seeded();
    const result = await t.run(async (raw) => {
      const ctx = raw as MutationCtx;
      const db = orm.db(ctx);
      const byEmail = await db.select().from(users).where(eq(users.email, 'bob@x'));
      expectTypeOf(byEmail).toEqualTypeOf<User[]>();
      const admins = await db
        .select({ id: users._id, name: users.name })
        .from(users)
        .where({ role: 'admin' })
        .orderBy(asc(users.name))
        .limit(20)
        .offset(0);
      const joined = await db.select().from(users).leftJoin(posts, eq(posts.authorId, users._id));
      expectTypeOf(joined).toEqualTypeOf<{ users: User; posts: Post | null }[]>();
      const counted = await db
        .select({ id: users._id, email: users.email, postCount: count(posts._id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .where(eq(users.role, 'member'))
        .groupBy(users._id)
        .having(gt(count(posts._id), 0))
        .orderBy(desc(count(posts._id)))
        .limit(10);
      const bobs = await db.$count(posts, eq(posts.authorId, bob));
      expectTypeOf(bobs).toEqualTypeOf<number>();
      const inviter = alias(users, 'inviter');
      const invited = await db.select().from(users).leftJoin(inviter, eq(inviter._id, users.invitedBy));
      expectTypeOf(invited).toEqualTypeOf<{ users: User; inviter: User | null }[]>();
      return {
        byEmail: byEmail.map((user) => user.name),
        admins: admins.map((user) => user.name),
        joined: joined.map((row) => [row.users.name, row.posts?.title ?? null]),
        counted: counted.map((row) => [row.email, row.postCount]),
        bobs,
        invited: invited.map((row) => [row.users.name, row.inviter?.name ?? null]),
      };
    });
    expect(result).toEqual({
      byEmail: ['Bob'],
      admins: ['Cy'],
      joined: [
        ['Ada', null],
        ['Bob', 'b1'],
        ['Bob', 'b2'],
        ['Cy', 'c1'],
      ],
      counted: [['bob@x', 2]], // Ada has no post, Cy is an admin
      bobs: 2,
      invited: [
        ['Ada', null],
        ['Bob', 'Ada'],
        ['Cy', 'Bob'],
      ],
    });
  });

  it('runs the self-joins: a db.get per distinct key, each inviter once per query', async () => {
    const { t } = await seeded();
    const { rows, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw as MutationCtx);
      const db = orm.db(ctx);
      const inviter = alias(users, 'inviter');
      const grand = alias(users, 'grand');
      const rows = await db
        .select({ name: users.name, inviter: inviter.name, grand: grand.name })
        .from(users)
        .leftJoin(inviter, eq(inviter._id, users.invitedBy))
        .leftJoin(grand, eq(grand._id, inviter.invitedBy));
      expectTypeOf(rows).toEqualTypeOf<{ name: string; inviter: string | null; grand: string | null }[]>();
      return { rows, reads: { ...reads } };
    });
    expect(rows).toEqual([
      { name: 'Ada', inviter: null, grand: null },
      { name: 'Bob', inviter: 'Ada', grand: null },
      { name: 'Cy', inviter: 'Bob', grand: 'Ada' },
    ]);
    // the users (one range, 3 documents), then Ada and Bob once each: Ada as Cy's grand is not read again
    expect(reads).toEqual({ documents: 5, ranges: 3 });
  });
});
