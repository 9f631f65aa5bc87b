import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 200 users, each in the same 5 groups; the query's parents are every 5th user (40 users whose
// emails start with "0-"), spread over the users table, on a transaction lowered to 100 ranges.
// with: { groups: { limit: 1 } } takes one group per user: read per key (as before a973452), each
// user's junction read stops at its first link: 1 + 40 + 1 ranges, about 40 + 40 + 1 documents.
// The fan-out sample counts the sampled user's 5 targets as 5 gets per key though the window
// takes 1, so it reads every junction row between the parents' ids instead (about 1,000).
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    const groups = [];
    for (let g = 0; g < 5; g++) groups.push(await ctx.db.insert('groups', { name: `g${g}` }));
    for (let i = 0; i < 200; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `${i % 5}-u${String(i).padStart(3, '0')}@x.dev`,
        role: 'member',
        verified: false,
      });
      for (const groupId of groups) await ctx.db.insert('usersToGroups', { userId, groupId });
    }
  });
  return t;
}

describe('a through load with a limit per parent', () => {
  it('weighs the targets the window takes, not every linked target, when choosing per-key reads', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm
        .db(ctx)
        .query.users.findMany({
          where: { email: { lt: '1' } },
          columns: { name: true },
          with: { groups: { columns: { name: true }, limit: 1 } },
          scanBudget: 300,
        })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { result, reads: { ...reads } };
    });
    expect(typeof out.result === 'string' ? out.result.slice(0, 200) : 'rows').toBe('rows');
    expect(out.result).toHaveLength(40);
    expect((out.result as any[]).every((row) => row.groups.length === 1)).toBe(true);
    expect(out.reads.documents).toBeLessThanOrEqual(120);
    expect(out.reads.ranges).toBeLessThanOrEqual(100);
  });
});
