import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

// 45 users (emails "u…"), each in a group of its own and invited by a user of its own ("a…"), on a
// transaction lowered to 100 index ranges, without strict. The through filter matches every group
// (like 'g%'); with: { invitee: true } then reads 45 inviters by id (45 db.gets, no span possible).
// Before 318355d the keys-at-once read fell back to one scan of the 45 groups (1 range) once the
// gets passed half the ranges left, and the whole query fitted. Since 318355d the gets run while
// they fit ALL the ranges left, spending the ranges the rest of the query needs.
async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: { databaseQueries: 100 } });
  await t.run(async (ctx) => {
    for (let i = 0; i < 45; i++) {
      const n = String(i).padStart(2, '0');
      const inviter = await ctx.db.insert('users', {
        name: `a${n}`,
        email: `a${n}@x.dev`,
        role: 'member',
        verified: false,
      });
      const userId = await ctx.db.insert('users', {
        name: `u${n}`,
        email: `u${n}@x.dev`,
        role: 'member',
        verified: false,
        invitedBy: inviter,
      });
      const groupId = await ctx.db.insert('groups', { name: `g${n}` });
      await ctx.db.insert('usersToGroups', { userId, groupId });
    }
  });
  return t;
}

describe('a through relation filter read at once', () => {
  it('leaves the ranges the rest of the query needs (falls back to the scan it took before)', async () => {
    const t = await backend();
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm
        .db(ctx)
        .query.users.findMany({
          where: { email: { gte: 'u' }, groups: { name: { like: 'g%' } } },
          columns: { name: true },
          with: { invitee: { columns: { name: true } } },
        })
        .then(
          (rows) => rows,
          (error: any) => `${error.code}: ${error.message}`,
        );
      return { result, reads: { ...reads } };
    });
    expect(typeof out.result === 'string' ? out.result.slice(0, 200) : 'rows', JSON.stringify(out.reads)).toBe('rows');
    expect(out.result).toHaveLength(45);
    expect((out.result as any[])[3]).toEqual({ name: 'u03', invitee: { name: 'a03' } });
  });
});
