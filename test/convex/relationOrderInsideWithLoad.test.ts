import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 60 users with 2 posts each (post p of user i has (i + p) % 3 comments), on a transaction lowered
// to 100 index ranges (the posts of 60 users read as one span; of 40, one range per user). Loading every user's posts with their comments, or with _count of them,
// takes 3 ranges (users, one span of posts, one span of comments). Ordering each user's posts by
// their comment count needs the same rows: the sort keys of the rows a load sorts should be read
// together, not one comments range per post.
async function backend(users: number, limits: { databaseQueries: number } | undefined) {
  const t = convexTest({ schema, modules, ...(limits ? { transactionLimits: limits } : {}) });
  await t.run(async (ctx) => {
    for (let i = 0; i < users; i++) {
      const authorId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      for (let p = 0; p < 2; p++) {
        const postId = await ctx.db.insert('posts', { title: `t${i}-${p}`, authorId });
        for (let c = 0; c < (i + p) % 3; c++) await ctx.db.insert('comments', { postId, authorId, body: `b${c}` });
      }
    }
  });
  return t;
}

const orderedPosts = {
  columns: { name: true },
  with: { posts: { columns: { title: true }, orderBy: { comments: 'desc(count)' } } },
} as const;

/** The ordered load on Convex's own limits: what the lowered ones must give too. */
async function unlimited(users: number) {
  const t = await backend(users, undefined);
  return t.run((ctx) => orm.db(ctx).query.users.findMany(orderedPosts));
}

describe('a relation order inside a with load over many parents', () => {
  it('reads the sort keys of every parent’s rows together, as _count of the same relation does', async () => {
    const t = await backend(60, { databaseQueries: 100 });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      await db.query.users.findMany({ columns: { name: true }, with: { posts: { _count: { comments: true } } } });
      const countRanges = reads.ranges;
      const ordered = await db.query.users.findMany(orderedPosts).then(
        (rows) => rows,
        (error: any) => `${error.code}: ${error.message}`,
      );
      return { countRanges, ordered, orderRanges: reads.ranges - countRanges };
    });
    expect(out.countRanges).toBe(3);
    expect(typeof out.ordered === 'string' ? out.ordered.slice(0, 200) : 'rows').toBe('rows');
    const rows = out.ordered as { name: string; posts: { title: string }[] }[];
    expect(rows).toHaveLength(60);
    // u0: t0-0 has 0 comments, t0-1 has 1. u2: t2-0 has 2, t2-1 has 0.
    expect(rows[0]).toEqual({ name: 'u0', posts: [{ title: 't0-1' }, { title: 't0-0' }] });
    expect(rows[2]).toEqual({ name: 'u2', posts: [{ title: 't2-0' }, { title: 't2-1' }] });
    // users, the posts span, the comments of all posts at once: a handful of ranges, not 120.
    expect(out.orderRanges).toBeLessThanOrEqual(6);
    expect(rows).toEqual(await unlimited(60));
  });

  it('reads them together when each parent’s rows are read on their own', async () => {
    // 40 users: one posts range each, then the comments of all 80 posts at once (not 2 per user).
    const t = await backend(40, { databaseQueries: 100 });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm
        .db(ctx)
        .query.users.findMany(orderedPosts)
        .then(
          (found) => found,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { rows, ranges: reads.ranges };
    });
    expect(typeof out.rows === 'string' ? out.rows.slice(0, 200) : 'rows').toBe('rows');
    expect(out.rows).toEqual(await unlimited(40));
    expect(out.ranges).toBeLessThanOrEqual(45);
  });
});
