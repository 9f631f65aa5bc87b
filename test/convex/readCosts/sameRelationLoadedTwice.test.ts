import { describe, expect, it } from 'vitest';
import { counted, orm, seeded } from './fixture';

// docs/queries.md (Measured read costs): one query asking for a relation in two places.
// - `with: { posts: true }` beside `_count: { posts: true }`: the count is the number of rows the
//   load read (src/query/countingLoad.ts), as hand-written code counts them, where it used to be a
//   second read of the same by_author range per parent (110 documents / 21 ranges for 60 / 11).
//   Only when the load reads every match the count counts: same relation, no nested limit or
//   offset, an equal where; else the count reads on its own.
// - `where: { posts: { status: 'draft' } }` beside `with: { posts: { where: { status: 'draft' } } }`
//   ("users with drafts, with their drafts"): the relation filter reads every match of each user's
//   posts, not up to the first draft, and the load takes them (src/query/filterBesideLoad.ts), as
//   hand-written code reads them; it read them twice (110 / 21). Only when the relation filter is
//   the where's one relation filter and a condition of its own (not under OR / NOT), the load reads
//   every match with an equal where, and no offset skips rows: then every row it finds a match for
//   is loaded, so no read is wasted. Otherwise it stops at the first match, and the load reads its own.

describe('a relation asked for twice in one query', () => {
  it('with: { posts } and _count: { posts }: 60 documents / 11 ranges, as hand-written code reads', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const rows = [];
        for (const user of await ctx.db.query('users').take(10)) {
          const posts = await ctx.db
            .query('posts')
            .withIndex('by_author', (q: any) => q.eq('authorId', user._id))
            .collect();
          rows.push({ name: user.name, posts: posts.map((p: any) => p.title), count: posts.length });
        }
        return rows;
      });
      const withOnly = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ limit: 10, with: { posts: true } }),
      );
      const both = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ limit: 10, with: { posts: true }, _count: { posts: true } }),
      );
      return { floor, withOnly, both };
    });
    expect(
      out.both.result.map((u: any) => ({
        name: u.name,
        posts: u.posts.map((p: any) => p.title),
        count: u._count.posts,
      })),
    ).toEqual(out.floor.result);
    expect(out.floor.reads).toEqual({ documents: 60, ranges: 11 });
    expect(out.withOnly.reads).toEqual(out.floor.reads);
    expect(out.both.reads).toEqual(out.floor.reads);
  });

  it('_count counts the rows of a with load of every match, and explain() says so; a windowed load or another where reads its own', async () => {
    const t = await seeded(10);
    const draft = { status: 'draft' } as const;
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      const config = (withPosts: object, count: object | true) =>
        ({ limit: 3, columns: { name: true }, with: { posts: withPosts }, _count: { posts: count } }) as const;
      const run = (withPosts: object, count: object | true) =>
        counted(raw, (ctx) => orm.db(ctx).query.users.findMany(config(withPosts, count) as any));
      return {
        sameWhere: await run({ where: draft, orderBy: { views: 'desc' } }, { where: draft }),
        sameWhereExplain: db.query.users.findMany(config({ where: draft }, { where: draft }) as any).explain(),
        limited: await run({ limit: 2 }, true),
        limitedExplain: db.query.users.findMany(config({ limit: 2 }, true) as any).explain(),
        otherWhere: await run({ where: draft }, true),
      };
    });
    const counts = (result: any[]) => result.map((u: any) => u._count.posts);
    expect(counts(out.sameWhere.result)).toEqual([1, 1, 1]);
    expect(out.sameWhere.reads).toEqual({ documents: 18, ranges: 4 }); // 3 users, their 15 posts once
    expect(out.sameWhereExplain._count).toEqual({ posts: 'the rows of with.posts counted' });
    expect(counts(out.limited.result)).toEqual([5, 5, 5]);
    expect(out.limited.reads).toEqual({ documents: 3 + 6 + 15, ranges: 7 });
    expect(out.limitedExplain._count?.posts).toMatch(/^per distinct parent key: a bounded scan/);
    expect(counts(out.otherWhere.result)).toEqual([5, 5, 5]);
    expect(out.otherWhere.reads).toEqual({ documents: 3 + 15 + 15, ranges: 7 });
  });

  it('where: { posts: {status} } and with: { posts: { where: {status} } }: 60 documents / 11 ranges, as hand-written code reads', async () => {
    const t = await seeded();
    const draft = { status: 'draft' } as const;
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const rows = [];
        for await (const user of ctx.db.query('users')) {
          const drafts = (
            await ctx.db
              .query('posts')
              .withIndex('by_author', (q: any) => q.eq('authorId', user._id))
              .collect()
          ).filter((p: any) => p.status === 'draft');
          if (drafts.length > 0) rows.push({ name: user.name, posts: drafts.map((p: any) => p.title) });
          if (rows.length === 10) break;
        }
        return rows;
      });
      const both = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { posts: draft }, limit: 10, with: { posts: { where: draft } } }),
      );
      return { floor, both };
    });
    expect(out.both.result.map((u: any) => ({ name: u.name, posts: u.posts.map((p: any) => p.title) }))).toEqual(
      out.floor.result,
    );
    expect(out.floor.reads).toEqual({ documents: 60, ranges: 11 });
    expect(out.both.reads).toEqual(out.floor.reads);
  });
});
