import { describe, expect, it } from 'vitest';
import { counted, orm, seeded } from './fixture';

// docs/queries.md (Result size): a row read by id is read once per query, however many places hold
// it, and so is a root row a `with` load reaches by id: the root rows go into the query's `db.get`
// cache (src/query/shape.ts holdById) when its `with` tree reads the root table by id, where
// `users.posts.author` (back to the root user) used to read each user again by db.get (21
// documents / 7 ranges for 18 / 4). A row two index ranges read is read by each.

describe('a row the root and a relation both hold', () => {
  it('is read once when the relation reads it by id: users with posts with author (the root user), 18 documents / 4 ranges, as hand-written code reads', async () => {
    const t = await seeded(10);
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const users = await ctx.db.query('users').take(3);
        const rows = [];
        for (const user of users) {
          const posts = await ctx.db
            .query('posts')
            .withIndex('by_author', (q: any) => q.eq('authorId', user._id))
            .collect();
          // The author of each post is the user in hand.
          rows.push({ name: user.name, authors: posts.map(() => user.name) });
        }
        return rows;
      });
      const result = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ limit: 3, with: { posts: { with: { author: true } } } }),
      );
      return { floor, result };
    });
    expect(
      out.result.result.map((u: any) => ({ name: u.name, authors: u.posts.map((p: any) => p.author.name) })),
    ).toEqual(out.floor.result);
    expect(out.floor.reads).toEqual({ documents: 18, ranges: 4 });
    expect(out.result.reads).toEqual(out.floor.reads);
  });

  it('is read by each index range that reads it: a user’s posts under posts.author.posts read twice', async () => {
    const t = await seeded(10);
    const out = await t.run((raw: any) =>
      counted(raw, (ctx) =>
        orm
          .db(ctx)
          .query.users.findMany({ limit: 1, with: { posts: { with: { author: { with: { posts: true } } } } } }),
      ),
    );
    expect(out.result[0]?.posts[0]?.author?.posts).toHaveLength(5);
    // The user (1), its posts by by_author (5), the author from the root rows (0), its posts again (5).
    expect(out.reads).toEqual({ documents: 11, ranges: 3 });
  });
});
