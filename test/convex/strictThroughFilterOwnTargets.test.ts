import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

// 40 users, each in one group of its own, on a transaction lowered to 100 index ranges. Under
// strict, where: { groups: { name: 'g3' } } checked row by row takes 1 + 40 junction ranges + 40
// db.gets = 81 ranges (what it did before b9f7f17). Since b9f7f17 the at-once read of the junction
// names 40 groups, more than half the ranges left, so it falls back to the whole-table scan of
// groups and strict refuses the query with FULL_SCAN_FORBIDDEN, though the gets fit.
// `others` more users, outside the query (emails before 'u'), each in a group of its own too.
async function backend(users: number, others = 0) {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    for (let i = 0; i < users + others; i++) {
      const email = i < users ? `u${i}@x.dev` : `a${i}@x.dev`;
      const userId = await ctx.db.insert('users', { name: `u${i}`, email, role: 'member', verified: false });
      const groupId = await ctx.db.insert('groups', { name: `g${i}` });
      await ctx.db.insert('usersToGroups', { userId, groupId });
    }
  });
  return t;
}

const strict = createOrm({ relations, strict: true });

describe('under strict, a through relation filter whose parents link groups of their own', () => {
  it('answers with index reads and db.gets that fit, not a refused whole-table scan', async () => {
    const t = await backend(40);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await strict
        .db(ctx)
        .query.users.findMany({ where: { email: { gte: 'u' }, groups: { name: 'g3' } }, columns: { name: true } })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { result, reads: { ...reads } };
    });
    expect(out.result).toEqual([{ name: 'u3' }]);
    expect(out.reads.ranges).toBeLessThanOrEqual(81);
  });

  it('probes the rows left one at a time when the gets of every linked group would not fit', async () => {
    // The junction names 240 groups (200 of users the query does not read): 240 gets are past the
    // ranges left, and strict refuses the whole-table scan, so the 40 users are probed on: 1 + 40 x
    // (junction range + db.get) + the one read of every junction row = 82 ranges.
    const t = await backend(40, 200);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await strict
        .db(ctx)
        .query.users.findMany({ where: { email: { gte: 'u' }, groups: { name: 'g3' } }, columns: { name: true } })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { result, reads: { ...reads } };
    });
    expect(out.result).toEqual([{ name: 'u3' }]);
    expect(out.reads.ranges).toBeLessThanOrEqual(82);
  });
});
