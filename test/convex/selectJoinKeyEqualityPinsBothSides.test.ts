// A WHERE equality on one side of an inner join's key equality pins the other side too, as
// Postgres derives it from its equivalence classes: from(posts).innerJoin(users, eq(users._id,
// posts.authorId)).where(eq(users._id, ada)) reads posts through by_author for Ada only (2 posts
// + 1 author), as the same query written with eq(posts.authorId, ada) does, instead of every post.
// Not for a left join's key (its ON does not hold on a null-extended row), nor between columns of
// Convex's two number types (an int64 never equals a float64 in an index range).
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { posts, users } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { count, eq, inArray } from '../../src/index';

describe('a where on an inner join key pins the from table too', () => {
  it('reads only the pinned author posts, as the same query on posts.authorId does', async () => {
    const t = convexTest(schema, modules);
    const ada = await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada', email: 'ada@x.dev', role: 'member', verified: false });
      const bob = await ctx.db.insert('users', { name: 'Bob', email: 'bob@x.dev', role: 'member', verified: false });
      await ctx.db.insert('posts', { title: 'a1', authorId: ada });
      await ctx.db.insert('posts', { title: 'a2', authorId: ada });
      for (let i = 0; i < 200; i++) await ctx.db.insert('posts', { title: `b${i}`, authorId: bob });
      return ada;
    });
    const measured = await t.run(async (raw) => {
      const measure = async (pin: 'users' | 'posts') => {
        const { ctx, reads } = countReads(raw);
        const rows = await orm
          .db(ctx)
          .select({ author: users.name, n: count() })
          .from(posts)
          .innerJoin(users, eq(users._id, posts.authorId))
          .where(pin === 'users' ? eq(users._id, ada) : eq(posts.authorId, ada))
          .groupBy(users._id);
        return { rows, documents: reads.documents };
      };
      return { viaUsers: await measure('users'), viaPosts: await measure('posts') };
    });
    expect(measured.viaPosts).toEqual({ rows: [{ author: 'Ada', n: 2 }], documents: 3 });
    expect(measured.viaUsers.rows).toEqual([{ author: 'Ada', n: 2 }]);
    // Today: 202 posts + 1 author.
    expect(measured.viaUsers.documents).toBe(3);
  });

  it('carries an inArray too, shows it in explain(), and leaves a left join’s key alone', async () => {
    const t = convexTest(schema, modules);
    const { ada, bob } = await t.run(async (ctx) => {
      const ada = await ctx.db.insert('users', { name: 'Ada', email: 'ada@x.dev', role: 'member', verified: false });
      const bob = await ctx.db.insert('users', { name: 'Bob', email: 'bob@x.dev', role: 'member', verified: false });
      const cy = await ctx.db.insert('users', { name: 'Cy', email: 'cy@x.dev', role: 'member', verified: false });
      for (const [title, authorId] of [
        ['a1', ada],
        ['b1', bob],
        ['c1', cy],
        ['c2', cy],
      ] as const)
        await ctx.db.insert('posts', { title, authorId });
      return { ada, bob };
    });
    const result = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const inner = db
        .select({ title: posts.title })
        .from(posts)
        .innerJoin(users, eq(users._id, posts.authorId))
        .where(inArray(users._id, [ada, bob]));
      const rows = await inner;
      const innerReads = { ...reads };
      // A left join's ON does not hold on a row it pads with nulls: nothing is carried to users.
      const left = db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .where(eq(users._id, ada));
      return { rows, innerReads, explain: inner.explain(), leftRows: await left, leftExplain: left.explain() };
    });
    expect(result.rows.map(({ title }) => title).sort()).toEqual(['a1', 'b1']);
    // Ada's and Bob's posts by by_author (2 ranges, 2 posts), then the two authors by id.
    expect(result.innerReads).toEqual({ documents: 4, ranges: 4 });
    expect(result.explain).toMatchObject({ table: 'posts', index: 'by_author' });
    expect(result.leftRows).toEqual([{ name: 'Ada', title: 'a1' }]);
    // The lookup is by the row's key (?) only: no condition naming Ada was carried into it.
    expect(result.leftExplain.joins[0]!.ranges.join()).toContain('?');
    expect(JSON.stringify(result.leftExplain.joins)).not.toContain(ada);
  });
});
