import type { TransactionLimits } from 'convex/server';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// convex-test scans a whole table per index range, so Convex's real 4,096 ranges would take
// minutes; the same shapes run against a lowered limit of 100 (the ORM reads it from the metrics),
// as limits.test.ts does. 120 users, each in one of two groups.
async function backend() {
  const limits: TransactionLimits = { databaseQueries: 100 };
  const t = convexTest({ schema, modules, transactionLimits: limits });
  await t.run(async (ctx) => {
    const g1 = await ctx.db.insert('groups', { name: 'g1' });
    const g2 = await ctx.db.insert('groups', { name: 'g2' });
    for (let i = 0; i < 120; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      await ctx.db.insert('usersToGroups', { userId, groupId: i % 2 ? g1 : g2 });
    }
  });
  return t;
}

type Db = ReturnType<typeof orm.db>;

async function measured<T>(t: Awaited<ReturnType<typeof backend>>, query: (db: Db) => PromiseLike<T>) {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const result = await query(orm.db(ctx));
    return { result, reads: { ...reads } };
  });
}

// The same 120 junction rows load as one span through the direct relation `memberships`
// ({ documents: 240, ranges: 2 }), and a hand-written load reads them as one range of the junction
// plus a db.get per distinct group. Through the junction, or as a count, the ORM opened a range per
// parent and failed SCAN_BUDGET_EXCEEDED (indexRanges) at the 100th.
describe('relation loads over more parents than ranges fit through a junction and as counts too', () => {
  it("with: { groups } (through usersToGroups) loads every user's group within the ranges", async () => {
    const t = await backend();
    const { result, reads } = await measured(t, (db) =>
      db.query.users.findMany({ columns: { name: true }, with: { groups: { columns: { name: true } } } }),
    );
    expect(result).toHaveLength(120);
    expect(result[0]).toEqual({ name: 'u0', groups: [{ name: 'g2' }] });
    expect(result[1]).toEqual({ name: 'u1', groups: [{ name: 'g1' }] });
    // The users; the junction rows as one range over the users' span; a db.get per distinct group.
    expect(reads).toEqual({ documents: 120 + 120 + 2, ranges: 1 + 1 + 2 });
  });

  it('where: { groups: { name: "g1" } } (through) answers every user within the ranges', async () => {
    const t = await backend();
    const { result, reads } = await measured(t, (db) =>
      db.query.users.findMany({ columns: { name: true }, where: { groups: { name: 'g1' } } }),
    );
    expect(result).toHaveLength(60);
    // The users; one probe per user (a junction range, then its group by db.get: 2 groups in all)
    // until they pass half the ranges left (19 probes, weighed 2 ranges each); then the junction rows
    // (one range) and the groups they name, each once (no index on name: by db.get, read already).
    expect(reads).toEqual({ documents: 120 + 19 + 2 + 120, ranges: 1 + 19 + 2 + 1 });
  });

  it('_count: { memberships } counts every user within the ranges', async () => {
    const t = await backend();
    const { result, reads } = await measured(t, (db) =>
      db.query.users.findMany({ columns: { name: true }, _count: { memberships: true } }),
    );
    expect(result.map((user) => user._count.memberships)).toEqual(Array(120).fill(1));
    // The users; the junction rows counted per user from one range over the users' span.
    expect(reads).toEqual({ documents: 120 + 120, ranges: 1 + 1 });
  });
});
