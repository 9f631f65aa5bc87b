import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import schema, { relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

// 120 users in groups g0..g2 (user i in g(i % 3), every fourth one in g((i + 1) % 3) too), on a
// transaction lowered to 100 index ranges. Under strict, `with: { groups }` fits with index reads
// only (the junction rows as one span over the users' ids, a db.get per group), and a hand-written
// check of `where: { groups: { name: 'g2' } }` needs exactly those reads too.
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    const groups = [];
    for (let g = 0; g < 3; g++) groups.push(await ctx.db.insert('groups', { name: `g${g}` }));
    for (let i = 0; i < 120; i++) {
      const userId = await ctx.db.insert('users', {
        name: `u${i}`,
        email: `u${i}@x.dev`,
        role: 'member',
        verified: false,
      });
      await ctx.db.insert('usersToGroups', { userId, groupId: groups[i % 3]! });
      if (i % 4 === 0) await ctx.db.insert('usersToGroups', { userId, groupId: groups[(i + 1) % 3]! });
    }
  });
  return t;
}

const strict = createOrm({ relations, strict: true });

describe('under strict, a through relation filter over more users than ranges', () => {
  it('answers from index reads, as the through load of the same users does', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const db = strict.db(countReads(raw).ctx);
      const loaded = await db.query.users.findMany({
        where: { email: { gte: 'u' } },
        columns: { name: true },
        with: { groups: { columns: { name: true } } },
      });
      return { loaded: loaded.length };
    });
    expect(out.loaded).toBe(120);
    const filtered = await t.run(async (raw) =>
      strict
        .db(raw)
        .query.users.findMany({ where: { email: { gte: 'u' }, groups: { name: 'g2' } }, columns: { name: true } })
        .then(
          (rows) => rows.length,
          (error: any) => `${error.code}: ${error.message}`,
        ),
    );
    // 40 users in g2 by i % 3, and 10 more by the fourth-user rule.
    expect(filtered).toBe(50);
  });
});
