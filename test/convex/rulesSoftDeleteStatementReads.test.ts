import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';
import { countReads } from '../../src/testing/index';

// A ruled update or hard delete on a soft-delete table reads the rule's own range. For a while a
// rule's relation filters read soft-deleted rows for soft-deleted rows only, so a statement (which
// matches soft-deleted rows) was planned on OR(live AND rule, deleted AND rule-with-deleted-rows):
// the rule's equality (`ownerId: 'me'`, read as the by_owner range) sat inside both branches, the
// planner could not narrow by it, and the statement read every row of the table (209 documents
// for 9). A rule now reads the same for live and soft-deleted rows: one rule, one range.
const teams = convexTable('teams', { name: text().notNull() });
const memberships = convexTable(
  'memberships',
  { teamId: id('teams').notNull(), userId: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_team').on(t.teamId, t.userId), deletion('soft', { column: t.deletedAt })],
);
const docs = convexTable(
  'docs',
  { teamId: id('teams').notNull(), ownerId: text().notNull(), body: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_owner').on(t.ownerId, t.deletedAt), deletion('soft', { column: t.deletedAt })],
);
const tables = { teams, memberships, docs };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  teams: { memberships: r.many.memberships(), docs: r.many.docs() },
  memberships: { team: r.one.teams({ from: r.memberships.teamId, to: r.teams._id }) },
  docs: { team: r.one.teams({ from: r.docs.teamId, to: r.teams._id }) },
}));
const mine = { ownerId: 'me', team: { memberships: { userId: 'me' } } };
const rules = defineRules(relations, () => ({
  teams: { read: {} },
  memberships: { read: {} },
  docs: { read: mine, update: { using: mine, check: mine }, delete: mine },
}));
const orm = createOrm({ relations, rules });
const bypass = createOrm({ relations });

async function world() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const db = bypass.db(ctx);
    const [team] = await db.insert(teams).values({ name: 't' }).returning({ _id: teams._id });
    await db.insert(memberships).values({ teamId: team!._id, userId: 'me' });
    const rows = [];
    for (let i = 0; i < 200; i++) rows.push({ teamId: team!._id, ownerId: `o${i}`, body: 'x' });
    rows.push({ teamId: team!._id, ownerId: 'me', body: 'x' }, { teamId: team!._id, ownerId: 'me', body: 'y' });
    await db.insert(docs).values(rows);
  });
  return t;
}

describe("a ruled write on a soft-delete table reads the rule's range, not the table", () => {
  it("update: reads only the caller's by_owner range (was the whole table, 209 documents)", async () => {
    const t = await world();
    const res = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const updated = await orm
        .db(counted as never)
        .update(docs)
        .set({ body: 'z' })
        .where({ body: 'x' })
        .returning({ _id: docs._id });
      return { updated: updated.length, reads };
    });
    // The caller's by_owner range (2 rows), then the rule's team and membership lookups of the matched row.
    expect(res).toEqual({ updated: 1, reads: { documents: 9, ranges: 8 } });
  });

  it("hard delete: reads only the caller's by_owner range", async () => {
    const t = await world();
    const res = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const deleted = await orm
        .db(counted as never)
        .delete(docs)
        .hard()
        .where({ body: 'x' })
        .returning({ _id: docs._id });
      return { deleted: deleted.length, reads };
    });
    expect(res).toEqual({ deleted: 1, reads: { documents: 5, ranges: 4 } });
  });
});
