// A query stopped by the per-query scan budget (createOrm's or the call's) throws SCAN_BUDGET_EXCEEDED
// naming it the documented way, `details: { budget: 'scanBudget', limit }` (`scanBudget` kept beside
// them), on every read path that spends it: findMany with loads, count and groupBy, a page larger
// than the budget, db.select() joins and grouped selects.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { count, createOrm, eq } from '../../src/index';
import { orm, posts, relations, schema, users } from './readCosts/fixture';

async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (raw: any) => {
    for (let i = 0; i < 4; i++) {
      const authorId = await raw.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x`,
        role: 'm',
        age: 20 + i,
        score: i,
      });
      for (let j = 0; j < 3; j++)
        await raw.db.insert('posts', {
          title: `p${i}-${j}`,
          authorId,
          publishedAt: i * 10 + j,
          status: 'live',
          views: j,
        });
    }
  });
  return t;
}

const details = (t: any, body: (db: any) => Promise<unknown>) =>
  t.run(async (ctx: any) =>
    body(orm.db(ctx)).then(
      () => 'no error',
      (e: any) => ({ code: e.code, details: e.details }),
    ),
  );

const expected = (limit: number) => ({
  code: 'SCAN_BUDGET_EXCEEDED',
  details: expect.objectContaining({ budget: 'scanBudget', limit }),
});

describe('SCAN_BUDGET_EXCEEDED of the per-query scan budget names its budget in details', () => {
  it('findMany with relation loads', async () => {
    const t = await seeded();
    expect(await details(t, (db) => db.query.users.findMany({ with: { posts: true }, scanBudget: 5 }))).toEqual(
      expected(5),
    );
  });
  it('count (aggregate read path)', async () => {
    const t = await seeded();
    expect(await details(t, (db) => db.query.posts.count({ scanBudget: 5 }))).toEqual(expected(5));
  });
  it('a page of more rows than the budget', async () => {
    const t = await seeded();
    expect(await details(t, (db) => db.query.posts.paginate({ numItems: 6, cursor: null }, { scanBudget: 5 }))).toEqual(
      expected(5),
    );
  });
  it('db.select() join and groupBy under createOrm({ scanBudget })', async () => {
    const t = await seeded();
    const small = createOrm({ relations, scanBudget: 5 });
    const out = await t.run(async (ctx: any) => {
      const db = small.db(ctx);
      const run = (q: Promise<unknown>) =>
        q.then(
          () => 'no error',
          (e: any) => ({ code: e.code, details: e.details }),
        );
      return {
        join: await run(
          db.select({ u: users.name, p: posts.title }).from(users).innerJoin(posts, eq(posts.authorId, users._id)),
        ),
        grouped: await run(db.select({ a: posts.authorId, n: count() }).from(posts).groupBy(posts.authorId)),
      };
    });
    expect(out).toEqual({ join: expected(5), grouped: expected(5) });
  });
});
