import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  deletion,
  index,
  text,
  timestamp,
} from '../../src/index';

// A `with` load over a composite key (no span read: spannable() takes one column) of a soft-delete
// table indexed (org, team, deletedAt), newest first. Since 825d52b each team's read is two ranges
// (deletedAt absent, deletedAt null) where it was one: 25 teams open 51 ranges, past a budget of 40
// the same load fit in before (26 ranges), and the load fails instead of reading the one range per team.
const teams = convexTable('teams', { org: text().notNull(), team: text().notNull() });
const members = convexTable(
  'members',
  { org: text().notNull(), team: text().notNull(), name: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_team').on(t.org, t.team, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { teams, members };
const relations = defineRelations(tables, (r) => ({
  teams: { members: r.many.members({ from: [r.teams.org, r.teams.team], to: [r.members.org, r.members.team] }) },
}));
const orm = createOrm({ relations, transactionBudget: { indexRanges: 40 } });

describe('with: members newest first over a composite key and a soft-delete index', () => {
  it('loads 25 teams (one range per team fits the budget of 40)', async () => {
    const t = convexTest(defineSchema(tables), modules);
    await t.run(async (ctx) => {
      for (let i = 0; i < 25; i++) {
        await ctx.db.insert('teams', { org: 'o', team: `t${i}` });
        await ctx.db.insert('members', { org: 'o', team: `t${i}`, name: `a${i}` });
        await ctx.db.insert('members', { org: 'o', team: `t${i}`, name: `b${i}`, deletedAt: null });
        await ctx.db.insert('members', { org: 'o', team: `t${i}`, name: `c${i}`, deletedAt: 1 });
      }
    });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.teams.findMany({
        columns: { team: true },
        with: { members: { columns: { name: true }, orderBy: { _creationTime: 'desc' }, limit: 1 } },
      });
      return { rows, reads: { ...reads } };
    });
    expect(out.rows).toEqual(Array.from({ length: 25 }, (_, i) => ({ team: `t${i}`, members: [{ name: `b${i}` }] })));
    expect(out.reads.ranges).toBeLessThanOrEqual(40);
  });
});
