import type { TransactionLimits } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 60 users, each a member of the same two groups. Loading every user's groups ordered by their
// member count needs the users, the junction rows (one span past half the ranges left), the two
// groups and each group's memberships once: a handful of ranges. The sort key of a group is the
// same whoever loads it.
async function backend(limits?: TransactionLimits, users = 60) {
  const t = convexTest({ schema, modules, ...(limits ? { transactionLimits: limits } : {}) });
  await t.run(async (ctx) => {
    const g0 = await ctx.db.insert('groups', { name: 'g0' });
    const g1 = await ctx.db.insert('groups', { name: 'g1' });
    for (let i = 0; i < users; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      await ctx.db.insert('usersToGroups', { userId, groupId: g0 });
      await ctx.db.insert('usersToGroups', { userId, groupId: g1 });
    }
  });
  return t;
}

const query = (ctx: any) =>
  orm.db(ctx).query.users.findMany({
    columns: { name: true },
    with: { groups: { columns: { name: true }, orderBy: { memberships: 'desc(count)', name: 'asc' } } },
  });

describe('a relation order inside a through load over many parents', () => {
  it('reads each distinct target’s sort key once, not once per parent that links it', async () => {
    const t = await backend({ databaseQueries: 100 });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await query(ctx).then(
        (rows) => rows,
        (error: any) => `${error.code}: ${error.message}`,
      );
      return { result, reads: { ...reads } };
    });
    expect(out.result, String(out.result).slice(0, 300)).toHaveLength(60);
    expect((out.result as any[])[0]).toEqual({ name: 'u0', groups: [{ name: 'g0' }, { name: 'g1' }] });
    // users (1) + junction span (1) + 2 groups by db.get + each group's memberships once (2).
    expect(out.reads.ranges).toBeLessThanOrEqual(6);
  });

  it('on Convex’s own limits, reads the memberships of each group once (2 ranges), not 120 times', async () => {
    const t = await backend();
    const reads = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await query(ctx);
      return { ...reads };
    });
    // users (1) + one junction range per user (60) + 2 groups + 2 membership reads.
    expect(reads.ranges).toBeLessThanOrEqual(1 + 60 + 2 + 2);
  });

  it('a root order by a relation count over more rows than ranges fits as _count of it does', async () => {
    // 120 users: one read per user is more than the 100 ranges; the counts fit in one span.
    const t = await backend({ databaseQueries: 100 }, 120);
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const db = orm.db(ctx);
      const counted = await db.query.users.findMany({ columns: { name: true }, _count: { memberships: true } });
      const countReadsRanges = reads.ranges;
      const ordered = await db.query.users
        .findMany({ columns: { name: true }, orderBy: { memberships: 'desc(count)', name: 'asc' }, limit: 3 })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { counted: counted.length, countReadsRanges, ordered };
    });
    // _count: the users and one span of the junction rows.
    expect(out.counted).toBe(120);
    expect(out.countReadsRanges).toBe(2);
    expect(out.ordered).toEqual([{ name: 'u0' }, { name: 'u1' }, { name: 'u10' }]);
  });
});
