import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 1,000 users, each in one of 3 groups; the query's parents are every 25th user (40 users whose
// emails start with "00-"), spread over the whole users table. On a transaction lowered to 100
// index ranges, a hand-written loop loads their groups with 1 + 40 + 3 = 44 ranges and
// 40 + 40 + 3 = 83 documents: 40 junction ranges are within half the 99 ranges left, so the load
// reads per key (the groups, read by id, are read once whichever users link them). A span from the
// least to the greatest of their ids covers the junction rows of all 1,000 users. (50 parents would
// be 50 junction ranges, past half the 99 left: a span, as a direct relation reads there.)
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    const groups = [];
    for (let g = 0; g < 3; g++) groups.push(await ctx.db.insert('groups', { name: `g${g}` }));
    for (let i = 0; i < 1000; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `${String(i % 25).padStart(2, '0')}-u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      await ctx.db.insert('usersToGroups', { userId, groupId: groups[i % 3]! });
    }
  });
  return t;
}

describe('a through load over parents spread across the table', () => {
  it('reads no more junction rows than its parents have, when their per-key reads fit the ranges', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm
        .db(ctx)
        .query.users.findMany({
          where: { email: { lt: '01' } },
          columns: { name: true },
          with: { groups: { columns: { name: true } } },
          scanBudget: 300,
        })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { result, reads: { ...reads } };
    });
    expect(out.result, String(out.result).slice(0, 300)).toHaveLength(40);
    expect((out.result as any[])[1]).toEqual({ name: 'u100', groups: [{ name: 'g1' }] });
    expect(out.reads.documents).toBeLessThanOrEqual(83);
    expect(out.reads.ranges).toBeLessThanOrEqual(100);
  });
});
