import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 60 users with 2 posts each (post p of user i has (i + p) % 3 comments), on a transaction lowered
// to 100 index ranges. Loading every user's posts with their comments, or with _count of them,
// takes 3 ranges (users, one span of posts, one span of comments). Ordering each user's posts by
// their comment count needs the same rows: the sort keys of the rows a load sorts should be read
// together, not one comments range per post.
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    for (let i = 0; i < 60; i++) {
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

describe('a relation order inside a with load over many parents', () => {
  it('reads the sort keys of every parent’s rows together, as _count of the same relation does', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      await db.query.users.findMany({ columns: { name: true }, with: { posts: { _count: { comments: true } } } });
      const countRanges = reads.ranges;
      const ordered = await db.query.users
        .findMany({
          columns: { name: true },
          with: { posts: { columns: { title: true }, orderBy: { comments: 'desc(count)' } } },
        })
        .then(
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
  });
});
