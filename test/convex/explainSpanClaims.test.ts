import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema, { relations } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm } from '../../src/index';

/** 120 users, each in group g(i % 3), on a transaction lowered to 100 index ranges. */
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
    }
  });
  return t;
}

// explain() must describe what runs (docs/queries.md, explain()).
describe('explain() of relation reads over many parents says what runs', () => {
  it('a window of no rows reads nothing: no junction read, no target read, no span', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = orm.db(ctx).query.users.findMany({
        columns: { name: true },
        with: { groups: { limit: 0 }, memberships: { limit: 0 } },
      });
      await query;
      return { reads: { ...reads }, explained: query.explain().with! };
    });
    // Only the users were read (53bb9ff: a window of no rows reads no related row, no span either).
    expect(out.reads).toEqual({ documents: 120, ranges: 1 });
    expect(out.explained.memberships!.load).not.toMatch(/span/);
    expect(out.explained.groups!.load).not.toMatch(/span/);
    expect(out.explained.groups!.read).toBe('none');
  });

  it('a through relation filter whose targets no index narrows is said to read the junction rows, then each target once', async () => {
    const strict = createOrm({ relations, strict: true });
    const t = await backend();
    const explained = await t.run(async (raw) =>
      strict
        .db(raw)
        .query.users.findMany({ where: { email: { gte: 'u' }, groups: { name: 'g2' } } })
        .explain(),
    );
    // Under strict too (strictThroughFilterManyParents.test.ts): the visible junction rows, then a db.get
    // per group they name; past the ranges left, the scan of every group, or under strict the rows probed on.
    expect(explained.exists!.groups!.load).toBe(
      'through usersToGroups; the keys with related rows read at once past half the ranges left: ' +
        'every visible usersToGroups row, then each groups row they name once, or, when those reads would pass ' +
        'half the ranges left (under strict, all of them), a full scan of groups (strict refuses it and probes the rows left ' +
        'one at a time); add index on groups(name)',
    );
  });

  it('without strict, reading the keys at once is said to scan the whole target table', async () => {
    const t = await backend();
    const explained = await t.run(async (raw) =>
      orm
        .db(raw)
        .query.users.findMany({ where: { email: { gte: 'u' }, groups: { name: 'g2' } } })
        .explain(),
    );
    // Past half the ranges left the ORM reads every group (no index on name) to find the g2 ones.
    expect(explained.exists!.groups!.load).toMatch(/full scan|whole/);
  });
});
