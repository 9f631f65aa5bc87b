import { describe, expect, it } from 'vitest';
import { counted, orm, seeded } from './fixture';
import * as shapes from './relationShapesFixture';

// A relation filter beside a `with` load of the same relation and where (src/query/filterBesideLoad.ts):
// when it is the where's one relation filter and a condition of its own, the load reads every match
// and no offset skips rows, it reads every match of each row's key and the load takes those rows;
// otherwise it reads up to the first match, and the load reads its own. The fixture: 40 users with
// 5 posts each (by_author order: 4 live, then a draft).

const live = { status: 'live' } as const;

describe('a relation filter beside a load of the same relation', () => {
  it("a page reads each user's posts once, as findMany does", async () => {
    const t = await seeded(12);
    const out = await t.run(async (raw: any) => {
      const config = { where: { posts: live }, with: { posts: { where: live } } } as const;
      const page = await counted(raw, (ctx) => orm.db(ctx).query.users.paginate({ numItems: 5, cursor: null }, config));
      const many = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany({ ...config, limit: 5 }));
      return { page, many };
    });
    expect(out.page.result.page.map((u: any) => u.posts.length)).toEqual([4, 4, 4, 4, 4]);
    expect(out.page.result.page).toEqual(out.many.result);
    // 5 users (a page reads one more to know it is not the end) and their 25 posts, one range each.
    expect(out.many.reads).toEqual({ documents: 5 + 25, ranges: 6 });
    expect(out.page.reads.documents - out.many.reads.documents).toBeLessThanOrEqual(1);
    expect(out.page.reads.ranges).toBe(out.many.reads.ranges);
  });

  it('under NOT it stops at the first match: the rows it finds one for fail', async () => {
    const t = await seeded(10);
    const out = await t.run(async (raw: any) =>
      counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { NOT: { posts: live } }, with: { posts: { where: live } } }),
      ),
    );
    expect(out.result).toEqual([]);
    // 10 users, then each one's first post (live): not its 5.
    expect(out.reads).toEqual({ documents: 10 + 10, ranges: 11 });
  });

  it('beside an offset, or another relation filter, it stops at the first match', async () => {
    const t = await seeded(10);
    const out = await t.run(async (raw: any) => {
      const offset = await counted(raw, (ctx) =>
        orm
          .db(ctx)
          .query.users.findMany({ where: { posts: live }, offset: 2, limit: 3, with: { posts: { where: live } } }),
      );
      const two = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({
          where: { posts: live, OR: [{ posts: { status: 'draft' } }] },
          limit: 3,
          with: { posts: { where: live } },
        }),
      );
      return { offset, two };
    });
    expect(out.offset.result.map((u: any) => u.name)).toEqual(['u2', 'u3', 'u4']);
    // 5 users, their first post each, then the 3 loaded users' 5 posts each.
    expect(out.offset.reads).toEqual({ documents: 5 + 5 + 15, ranges: 1 + 5 + 3 });
    expect(out.two.result.map((u: any) => u.posts.length)).toEqual([4, 4, 4]);
    expect(out.two.reads.documents).toBeGreaterThan(3 + 15);
  });

  it('explain() says the relation filter reads every match, which the load takes, only when it does', async () => {
    const t = await seeded(2);
    const out = await t.run(async (raw: any) => {
      const db = orm.db(raw);
      return {
        beside: db.query.users.findMany({ where: { posts: live }, with: { posts: { where: live } } }).explain() as any,
        negated: db.query.users
          .findMany({ where: { NOT: { posts: live } }, with: { posts: { where: live } } })
          .explain() as any,
        otherWhere: db.query.users.findMany({ where: { posts: live }, with: { posts: true } }).explain() as any,
      };
    });
    expect(out.beside.exists.posts.load).toMatch(
      /^per parent, every match, which with\.posts takes; the keys with related rows read at once past half the ranges left: .*; with\.posts reads the keys after that itself$/,
    );
    expect(out.beside.with.posts.fromEarlierRead).toMatch(/^for each parent key the query read the relation of before/);
    expect(out.negated.with.posts.fromEarlierRead).toBeUndefined();
    expect(out.negated.exists.posts.load).not.toMatch(/every match|with\.posts takes/);
    expect(out.otherWhere.exists.posts.load).not.toMatch(/every match|with\.posts takes/);
  });
});

describe('under rules and soft delete', () => {
  it('the relation filter and the load see the visible rows alike; reads are the load alone plus the users', async () => {
    const t = await shapes.seeded();
    const out = await t.run(async (raw: any) => {
      const where = { OR: [{ status: 'live' }, { status: 'secret' }] } as const;
      const beside = await counted(raw, (ctx) =>
        shapes.ruled.db(ctx).query.users.findMany({ where: { posts: where }, with: { posts: { where } } }),
      );
      const loadAlone = await counted(raw, (ctx) =>
        shapes.ruled.db(ctx).query.users.findMany({ with: { posts: { where } } }),
      );
      return { beside, loadAlone };
    });
    const withPosts = out.loadAlone.result.filter((u: any) => u.posts.length > 0);
    expect(out.beside.result).toEqual(withPosts);
    // Only u0's post a is visible and matches: the secret posts of u1 and u5 are hidden, u2's live
    // post d and the user u4 are soft-deleted.
    expect(shapes.names(out.beside.result)).toEqual(['u0']);
    expect(out.beside.reads).toEqual(out.loadAlone.reads);
  });
});
