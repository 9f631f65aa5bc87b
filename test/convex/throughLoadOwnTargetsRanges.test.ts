import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 45 users, each in 2 groups of its own (90 groups), on a transaction lowered to 100 index ranges.
// The targets are read by id either way (90 db.gets); what differs is the junction: one range per
// user (45) or one span (1). Per user: 1 + 45 + 90 = 136 ranges, past 100; the span: 1 + 1 + 90 = 92.
// Since 6f03d49 the span choice weighs only the 45 junction reads against half the 99 left and
// reads per user, failing where the load fitted before. The users' fan-out is unknown until their
// junction rows are read: the first user's are read on their own (2 groups), 45 + 90 ranges would
// not fit the 98 left, so the other users' are read as one span: 1 + 1 + 1 + 90 = 93.
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    for (let i = 0; i < 45; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      for (let g = 0; g < 2; g++) {
        const groupId = await ctx.db.insert('groups', { name: `g${i}-${g}` });
        await ctx.db.insert('usersToGroups', { userId, groupId });
      }
    }
  });
  return t;
}

describe('a through load whose parents link targets of their own', () => {
  it('fits the transaction’s ranges when the junction span does (it did before the per-key weighing)', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm
        .db(ctx)
        .query.users.findMany({ columns: { name: true }, with: { groups: { columns: { name: true } } } })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { result, reads: { ...reads } };
    });
    expect(typeof out.result === 'string' ? out.result.slice(0, 160) : 'rows').toBe('rows');
    expect(out.result).toHaveLength(45);
    expect(out.result).toEqual(
      Array.from({ length: 45 }, (_, i) => ({ name: `u${i}`, groups: [{ name: `g${i}-0` }, { name: `g${i}-1` }] })),
    );
    expect(out.reads.ranges).toBeLessThanOrEqual(93);
  });
});
