// Claim check.
// Drizzle v1 loads a through relation with an inner join of the junction
// (`select ... from groups inner join links on ... where links.userId = users.id`), so a target
// linked twice to one parent appears twice, and the nested `orderBy` / `offset` / `limit` count each
// link (reference drizzle-v1.md §1.2 / §2.3: lateral subquery, window per parent). docs/queries.md
// ("Through relations read the junction rows by index, then the targets ... a target two parents
// link to is read once") promises the same rows whether keys are read one by one or as one span
// (past half the index ranges left): this checks both plans give Drizzle's rows, `_count` counts
// links as the load returns them, and a relation filter on such a parent passes once.
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, integer, text } from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { name: text().notNull(), rank: integer().notNull() });
const links = convexTable('links', {
  userId: id('users')
    .notNull()
    .references(() => users._id),
  groupId: id('groups')
    .notNull()
    .references(() => groups._id),
});
const tables = { users, groups, links };
const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({ from: r.users._id.through(r.links.userId), to: r.groups._id.through(r.links.groupId) }),
  },
  groups: { members: r.many.users() },
}));

describe('a through relation with duplicate junction links', () => {
  it.each([
    ['per key', createOrm({ relations })],
    ['span (few index ranges left)', createOrm({ relations, transactionBudget: { indexRanges: 8 } })],
  ] as const)(
    '%s: a target linked twice comes twice, windows count links, _count counts links',
    async (_label, orm) => {
      const t = convexTest(defineSchema(tables), modules);
      await t.run(async (ctx) => {
        const names = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
        const u = [];
        for (const name of names) u.push(await ctx.db.insert('users', { name }));
        const g1 = await ctx.db.insert('groups', { name: 'G1', rank: 2 });
        const g2 = await ctx.db.insert('groups', { name: 'G2', rank: 1 });
        await ctx.db.insert('links', { userId: u[0]!, groupId: g1 });
        await ctx.db.insert('links', { userId: u[0]!, groupId: g2 });
        await ctx.db.insert('links', { userId: u[0]!, groupId: g1 }); // duplicate link
        for (const user of u.slice(1)) await ctx.db.insert('links', { userId: user, groupId: g2 });
      });
      const rows = await t.run((ctx) =>
        orm.db(ctx).query.users.findMany({
          columns: { name: true },
          orderBy: { name: 'asc' },
          with: { groups: { columns: { name: true }, orderBy: { rank: 'desc' }, offset: 1, limit: 2 } },
          _count: { groups: true },
        }),
      );
      expect(rows[0]).toEqual({ name: 'u0', groups: [{ name: 'G1' }, { name: 'G2' }], _count: { groups: 3 } });
      expect(rows.slice(1).map((row) => [row.groups, row._count.groups])).toEqual(Array(7).fill([[], 1]));
      const members = await t.run((ctx) =>
        orm.db(ctx).query.groups.findMany({
          columns: { name: true },
          orderBy: { name: 'asc' },
          where: { name: 'G1' },
          with: { members: { columns: { name: true } } },
        }),
      );
      expect(members).toEqual([{ name: 'G1', members: [{ name: 'u0' }, { name: 'u0' }] }]);
      const filtered = await t.run((ctx) =>
        orm.db(ctx).query.users.findMany({ columns: { name: true }, where: { groups: { name: 'G1' } } }),
      );
      expect(filtered).toEqual([{ name: 'u0' }]);
    },
  );
});
