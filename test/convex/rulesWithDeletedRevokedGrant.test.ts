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

// A revoked grant stays revoked under `withDeleted`: a doc is readable by the members of its team,
// and a membership is revoked by (soft) deleting it. Mallory's is. For a while a query's
// `withDeleted: true` (an argument the caller chooses) made the rules' relation filters count
// soft-deleted memberships too, so her revoked membership granted the read again: the team's LIVE
// docs came back from findMany, count and db.select().withDeleted(), and an update matched (and
// returned) its soft-deleted doc. A rule's granting relation filter counts live rows only, whatever
// the query sees: withDeleted adds soft-deleted rows of the queried tables, it never widens a rule.
const teams = convexTable('teams', { name: text().notNull() });
const memberships = convexTable(
  'memberships',
  {
    teamId: id('teams').notNull(),
    userId: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_team').on(t.teamId), index('by_user').on(t.userId), deletion('soft', { column: t.deletedAt })],
);
const docs = convexTable(
  'docs',
  { teamId: id('teams').notNull(), body: text().notNull(), deletedAt: timestamp() },
  (t) => [index('by_team').on(t.teamId), deletion('soft', { column: t.deletedAt })],
);
const tables = { teams, memberships, docs };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  teams: { memberships: r.many.memberships(), docs: r.many.docs() },
  memberships: { team: r.one.teams({ from: r.memberships.teamId, to: r.teams._id }) },
  docs: { team: r.one.teams({ from: r.docs.teamId, to: r.teams._id }) },
}));
const rulesFor = (user: string) =>
  defineRules(relations, () => ({
    teams: { read: {} },
    memberships: { read: { userId: user } },
    docs: {
      read: { team: { memberships: { userId: user } } },
      update: {
        using: { team: { memberships: { userId: user } } },
        check: { team: { memberships: { userId: user } } },
      },
    },
  }));
const mallory = createOrm({ relations, rules: rulesFor('mallory') });
const bypass = createOrm({ relations });

async function setup() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  await t.run(async (ctx) => {
    const db = bypass.db(ctx);
    const [team] = await db.insert(teams).values({ name: 'red' }).returning({ _id: teams._id });
    await db.insert(memberships).values({ teamId: team!._id, userId: 'mallory' });
    await db.insert(docs).values([
      { teamId: team!._id, body: 'live secret plan' },
      { teamId: team!._id, body: 'another live secret' },
    ]);
    // Mallory's membership is revoked.
    await db.delete(memberships).where({ userId: 'mallory' } as never);
  });
  return t;
}

describe('withDeleted does not let a soft-deleted (revoked) grant row reveal live rows', () => {
  it('without withDeleted the live docs are hidden (baseline)', async () => {
    const t = await setup();
    const seen = await t.run(async (ctx) => {
      const db = mallory.db(ctx);
      return {
        rows: (await db.query.docs.findMany({})).map((row) => row.body),
        count: await db.query.docs.count(),
      };
    });
    expect(seen).toEqual({ rows: [], count: 0 });
  });

  it('findMany({ withDeleted: true }) hides the same live docs', async () => {
    const t = await setup();
    const rows = await t.run(async (ctx) =>
      (await mallory.db(ctx).query.docs.findMany({ withDeleted: true, where: { deletedAt: { isNull: true } } })).map(
        (row) => row.body,
      ),
    );
    expect(rows).toEqual([]);
  });

  it('count({ withDeleted: true }) counts none of them', async () => {
    const t = await setup();
    const count = await t.run(async (ctx) => mallory.db(ctx).query.docs.count({ withDeleted: true } as never));
    expect(count).toBe(0);
  });

  it('db.select().withDeleted() returns none of them', async () => {
    const t = await setup();
    const rows = await t.run(async (ctx) =>
      (await mallory.db(ctx).select({ body: docs.body }).from(docs).withDeleted()).map((row) => row.body),
    );
    expect(rows).toEqual([]);
  });
});

describe('a statement on a soft-deleted row does not count a revoked grant either', () => {
  it('update ... returning() neither matches nor hands back a soft-deleted doc of the team (was returned)', async () => {
    const t = await setup();
    await t.run(async (ctx) => {
      await bypass
        .db(ctx)
        .delete(docs)
        .where({ body: 'another live secret' } as never);
    });
    const returned = await t.run(async (ctx) =>
      (
        await mallory
          .db(ctx)
          .update(docs)
          .set({ body: 'overwritten by mallory' })
          .where({ deletedAt: { isNotNull: true } })
          .returning({ body: docs.body })
      ).map((row) => row.body),
    );
    expect(returned).toEqual([]);
  });
});
