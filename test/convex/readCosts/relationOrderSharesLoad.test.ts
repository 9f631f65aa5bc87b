import { describe, expect, it } from 'vitest';
import { backend, counted, orm } from './fixture';

// docs/queries.md (orderBy): a relation order reads every visible match of the relation for the
// rows it sorts; a `with` load or `_count` of the same relation, with the same where, takes those
// rows instead of reading them again (sorted and windowed in memory, as the load would), as
// hand-written code that sorts users by their posts keeps the posts it read.

/** 8 users, user i with (i * 3) % 7 posts; post j of a user has views j * 10 and is a draft when j is odd. */
async function varied() {
  const t = backend();
  await t.run(async (raw: any) => {
    for (let i = 0; i < 8; i++) {
      const user = await raw.db.insert('users', { name: `u${i}`, email: `u${i}@x`, score: i });
      for (let j = 0; j < (i * 3) % 7; j++) {
        await raw.db.insert('posts', {
          title: `p${i}-${j}`,
          authorId: user,
          publishedAt: i * 10 + j,
          status: j % 2 === 1 ? 'draft' : 'live',
          views: j * 10,
        });
      }
    }
  });
  return t;
}

/** Every user's posts, read as hand-written code reads them: the users, then each one's by_author range. */
async function floorRows(ctx: any) {
  const users = await ctx.db.query('users').collect();
  return Promise.all(
    users.map(async (user: any) => ({
      user,
      posts: await ctx.db
        .query('posts')
        .withIndex('by_author', (q: any) => q.eq('authorId', user._id))
        .collect(),
    })),
  );
}

describe('a relation order beside a load or count of the same relation', () => {
  it('orderBy { posts: desc(count) } with: { posts: true }: the load takes the rows the order read', async () => {
    const t = await varied();
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const all = await floorRows(ctx);
        all.sort((a: any, b: any) => b.posts.length - a.posts.length);
        return all
          .slice(0, 3)
          .map(({ user, posts }: any) => ({ name: user.name, posts: posts.map((p: any) => p.title) }));
      });
      const orm3 = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ orderBy: { posts: 'desc(count)' }, limit: 3, with: { posts: true } }),
      );
      return { floor, orm3 };
    });
    expect(out.orm3.result.map((u: any) => ({ name: u.name, posts: u.posts.map((p: any) => p.title) }))).toEqual(
      out.floor.result,
    );
    expect(out.floor.reads).toEqual({ documents: 8 + 21, ranges: 9 });
    expect(out.orm3.reads).toEqual(out.floor.reads);
  });

  it('a load with its own order and limit, and a _count, take the order rows too', async () => {
    const t = await varied();
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const all = await floorRows(ctx);
        const maxViews = (posts: any[]) => Math.max(-1, ...posts.map((p: any) => p.views));
        all.sort((a: any, b: any) => maxViews(b.posts) - maxViews(a.posts));
        return all.slice(0, 4).map(({ user, posts }: any) => ({
          name: user.name,
          top: [...posts]
            .sort((a: any, b: any) => b.views - a.views)
            .slice(0, 2)
            .map((p: any) => p.title),
          count: posts.length,
        }));
      });
      const both = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({
          orderBy: { posts: { views: 'desc(max)' } },
          limit: 4,
          with: { posts: { orderBy: { views: 'desc' }, limit: 2 } },
          _count: { posts: true },
        }),
      );
      return { floor, both };
    });
    expect(
      out.both.result.map((u: any) => ({ name: u.name, top: u.posts.map((p: any) => p.title), count: u._count.posts })),
    ).toEqual(out.floor.result);
    expect(out.both.reads).toEqual(out.floor.reads);
  });

  it('a load with another where reads its own rows', async () => {
    const t = await varied();
    const out = await t.run(async (raw: any) =>
      counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({
          orderBy: { posts: 'desc(count)' },
          limit: 3,
          with: { posts: { where: { status: 'draft' } } },
        }),
      ),
    );
    // Users 2, 4 and 6 (6, 5 and 4 posts): their drafts, read again by their by_author ranges.
    expect(out.result.map((u: any) => [u.name, u.posts.length])).toEqual([
      ['u2', 3],
      ['u4', 2],
      ['u6', 2],
    ]);
    expect(out.reads).toEqual({ documents: 8 + 21 + 15, ranges: 9 + 3 });
  });
});

describe('explain() of a load or count taking the rows an order read', () => {
  const explainIn = (body: (db: any) => any) => backend().run(async (raw: any) => body(orm.db(raw)));

  it('names the order rows for a load and a count of the same relation and where', async () => {
    const explained = await explainIn((db) =>
      db.query.users
        .findMany({
          orderBy: { posts: 'desc(count)' },
          with: { posts: { orderBy: { views: 'desc' }, limit: 2 } },
          _count: { posts: true },
        })
        .explain(),
    );
    expect(explained.with.posts.fromEarlierRead).toMatch(
      /^for each parent key the query read the relation of before .*, sorted and windowed in memory; another parent key: as load says$/,
    );
    expect(explained._count.posts).toMatch(
      /^for each parent key the query read the relation of before .*, counted; another parent key: per distinct parent key/,
    );
  });

  it('says nothing of the order for another where, or without a relation order of that relation', async () => {
    const otherWhere = await explainIn((db) =>
      db.query.users
        .findMany({ orderBy: { posts: 'desc(count)' }, with: { posts: { where: { status: 'draft' } } } })
        .explain(),
    );
    const noOrder = await explainIn((db) =>
      db.query.users.findMany({ orderBy: { name: 'asc' }, with: { posts: true }, _count: { posts: true } }).explain(),
    );
    expect(otherWhere.with.posts.fromEarlierRead).toBeUndefined();
    expect(noOrder.with.posts.fromEarlierRead).toBeUndefined();
    expect(noOrder._count.posts).toBe('the rows of with.posts counted');
  });
});
