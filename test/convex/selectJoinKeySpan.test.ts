import { asc, count, createOrm, eq, gt } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, relations, users } from '../../example/convex/schema';
import { seeded } from './seed';

// 5 index ranges for the transaction: the users read takes one, and the 5 authors' lookups
// (one by_author range each) are more than the 4 left. A relational `with: { posts }` over the
// same users reads one range over the authors' span instead (docs/queries.md, Load: "When the
// distinct keys outnumber half the index ranges the transaction has left, a single-column join
// reads one range over the span of the parents' keys"), 2 ranges in all, and succeeds. The same
// join written as db.select().leftJoin() opens one range per distinct key whatever is left, so it
// rejects with SCAN_BUDGET_EXCEEDED (indexRanges). At Convex's scale: a select joining more than
// ~4,000 distinct keys (a grouped post count over 4,001 users, well within the 10,000-document
// scan budget) fails where findMany({ with }) returns.
const tight = createOrm({ relations, transactionBudget: { indexRanges: 5 } });

async function outcome(f: () => Promise<unknown>): Promise<unknown> {
  try {
    return await f();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('a join whose distinct keys outnumber the index ranges left reads their span, as a with-load does', () => {
  it('leftJoin: every user with each post, as with the default budget', async () => {
    const { t } = await seeded();
    const query = (db: ReturnType<typeof orm.db>) =>
      db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .orderBy(asc(users.name), asc(posts.title));
    // The control: the relational with-load over the same users fits the 5 ranges (2 used).
    const loaded = await t.run((ctx) =>
      outcome(async () => (await tight.db(ctx).query.users.findMany({ with: { posts: true } })).length),
    );
    expect(loaded).toBe(5);
    const expected = await t.run((ctx) => query(orm.db(ctx)));
    expect(expected).toHaveLength(8);
    expect(await t.run((ctx) => outcome(() => query(tight.db(ctx))))).toEqual(expected);
  });

  it('groupBy: post counts per user, as with the default budget', async () => {
    const { t } = await seeded();
    const query = (db: ReturnType<typeof orm.db>) =>
      db
        .select({ name: users.name, posts: count(posts._id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .groupBy(users._id)
        .orderBy(asc(users.name));
    const expected = await t.run((ctx) => query(orm.db(ctx)));
    expect(expected).toEqual([
      { name: 'Ada', posts: 3 },
      { name: 'Bob', posts: 2 },
      { name: 'Cy', posts: 1 },
      { name: 'Di', posts: 0 },
      { name: 'Eve', posts: 1 },
    ]);
    expect(await t.run((ctx) => outcome(() => query(tight.db(ctx))))).toEqual(expected);
  });

  it('reads the 5 authors as one range of by_author: 2 ranges in all, the rows each key would read on its own', async () => {
    const { t } = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await tight
        .db(ctx)
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .orderBy(asc(users.name), asc(posts.title));
      return { result, reads: { ...reads } };
    });
    expect(result).toHaveLength(8);
    // 5 users and the 7 posts of the span's one range (every post here is by one of them).
    expect(reads).toEqual({ documents: 12, ranges: 2 });
  });

  it('a streamed select without a limit reads every key too, so it takes the span', async () => {
    const { t } = await seeded();
    const query = (db: ReturnType<typeof orm.db>) =>
      db.select({ name: users.name, title: posts.title }).from(users).leftJoin(posts, eq(posts.authorId, users._id));
    const expected = await t.run((ctx) => query(orm.db(ctx)));
    expect(expected).toHaveLength(8);
    // Each user's posts in the order their own lookup gives, as without the span.
    expect(await t.run((ctx) => outcome(() => query(tight.db(ctx))))).toEqual(expected);
  });

  it("the span keeps the lookup's other conditions: an inner join's WHERE on the joined table", async () => {
    const { t } = await seeded();
    const query = (db: ReturnType<typeof orm.db>) =>
      db
        .select({ name: users.name, posts: count(posts._id) })
        .from(users)
        .innerJoin(posts, eq(posts.authorId, users._id))
        .where(gt(posts.publishedAt, 150))
        .groupBy(users._id)
        .orderBy(asc(users.name));
    const expected = await t.run((ctx) => query(orm.db(ctx)));
    expect(expected).toEqual([
      { name: 'Ada', posts: 1 },
      { name: 'Bob', posts: 1 },
      { name: 'Eve', posts: 1 },
    ]);
    expect(await t.run((ctx) => outcome(() => query(tight.db(ctx))))).toEqual(expected);
  });

  it('explain() shows the span read where every key is looked up; a streamed window looks up key by key', async () => {
    const { t } = await seeded();
    const explained = await t.run(async (ctx) => {
      const db = tight.db(ctx);
      const grouped = db
        .select({ name: users.name, posts: count(posts._id) })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .groupBy(users._id);
      const windowed = db
        .select({ name: users.name, title: posts.title })
        .from(users)
        .leftJoin(posts, eq(posts.authorId, users._id))
        .limit(2);
      return {
        grouped: (await grouped.explain()).joins[0]!.load,
        windowed: (await windowed.explain()).joins[0]!.load,
      };
    });
    expect(explained).toEqual({
      grouped: 'index range per distinct key; one range over the key span past half the ranges left',
      windowed: 'index range per distinct key',
    });
  });
});
