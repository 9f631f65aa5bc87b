/**
 * Found by review (of f6fe6a54, which let loads through a junction take held rows): two findings
 * about a through relation whose junction names its targets by a column other than `_id`
 * (`memberships.groupSlug` -> `groups.slug`). Through a junction only targets by `_id` are held now.
 *
 * Reads: a root relation filter beside a `with` load of the same through relation read every
 * match of each row's key for the load, one parent at a time, so each parent's read had its own
 * target reader: a target two parents link to was read once per parent, and the shared query read
 * more than its filter and its load run apart (docs/queries.md, "Load relations": "a target two
 * parents link to is read once"). Now the filter stops at each user's first match and the load
 * reads its own (63 / 34 where the load alone reads 43 / 14: docs/queries.md, "Measured read
 * costs"), no more than the two run apart.
 *
 * Tie order: with the slug non-unique (two groups share slug 'a') and an `orderBy` an index serves
 * descending (`by_slug_rank`, `rank: 'desc'`), a `with` load gave rows tied on that order in
 * another order when it took held rows (beside a relation filter of the same relation, or a
 * relation order along it) than alone: held, one link's targets had been read under the filter's
 * or order's own selection (ascending). heldLoads.ts: "in the order and window its own read under
 * `selection` gives".
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { slug: text().notNull(), name: text().notNull(), rank: integer() }, (t) => [
  index('by_slug_rank').on(t.slug, t.rank),
]);
const memberships = convexTable('memberships', { userId: id('users').notNull(), groupSlug: text().notNull() }, (t) => [
  index('by_user').on(t.userId),
]);
const tables = { users, groups, memberships };
const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({
      from: r.users._id.through(r.memberships.userId),
      to: r.groups.slug.through(r.memberships.groupSlug),
    }),
  },
}));
const schema = defineSchema(tables);
const orm = createOrm({ relations });

/** `userCount` users, each linked to every slug's group (one group a slug). */
async function seededEveryUserInEveryGroup(userCount: number, slugs: string[]) {
  const t = convexTest({ schema, modules, transactionLimits: true } as any);
  await t.run(async (raw: any) => {
    for (const slug of slugs) await raw.db.insert('groups', { slug, name: `G-${slug}` });
    for (let i = 0; i < userCount; i++) {
      const user = await raw.db.insert('users', { name: `u${i}` });
      for (const slug of slugs) await raw.db.insert('memberships', { userId: user, groupSlug: slug });
    }
  });
  return t;
}

/** Two groups sharing slug 'a' and rank 1 (a tie), two users linked to slug 'a'. */
async function seededTie() {
  const t = convexTest({ schema, modules } as any);
  await t.run(async (raw: any) => {
    await raw.db.insert('groups', { slug: 'a', name: 'G-old', rank: 1 });
    await raw.db.insert('groups', { slug: 'a', name: 'G-new', rank: 1 });
    for (const name of ['u0', 'u1']) {
      const user = await raw.db.insert('users', { name });
      await raw.db.insert('memberships', { userId: user, groupSlug: 'a' });
    }
  });
  return t;
}

describe('relation filter beside a through load to targets by column', () => {
  const names = (rows: any[]) => rows.map((u) => ({ name: u.name, groups: u.groups.map((g: any) => g.name) }));

  it('reads no more than the filter and the load run apart (not shared: targets by column)', async () => {
    const t = await seededEveryUserInEveryGroup(10, ['a', 'b', 'c']);
    const out = await t.run(async (raw: any) => {
      const run = async (config: any) => {
        const { ctx, reads } = countReads(raw);
        const rows = await orm.db(ctx).query.users.findMany(config);
        return { rows, reads: { ...reads } };
      };
      const shared = await run({ where: { groups: true }, with: { groups: true } });
      const filterAlone = await run({ where: { groups: true } });
      const loadAlone = await run({ with: { groups: true } });
      return { shared, filterAlone, loadAlone };
    });
    expect(names(out.shared.rows)).toEqual(names(out.loadAlone.rows));
    // 10 users (1 range), 30 links (10 ranges), 3 groups (3 ranges): what the load alone reads.
    expect(out.loadAlone.reads).toEqual({ documents: 43, ranges: 14 });
    const apart = {
      documents: out.filterAlone.reads.documents + out.loadAlone.reads.documents,
      ranges: out.filterAlone.reads.ranges + out.loadAlone.reads.ranges,
    };
    expect(out.shared.reads.ranges).toBeLessThanOrEqual(apart.ranges);
    expect(out.shared.reads.documents).toBeLessThanOrEqual(apart.documents);
    // Not shared (targets by column): the load's reads, plus the filter's up to each first match.
    expect(out.shared.reads).toEqual({ documents: 63, ranges: 34 });
  });
});

describe('held rows through a junction by column keep the load order of ties', () => {
  const names = (rows: any[]) => rows.map((u) => [u.name, u.groups.map((g: any) => g.name)]);
  const load = { groups: { orderBy: { rank: 'desc' } } } as const;

  it('beside a relation filter of the same relation', async () => {
    const t = await seededTie();
    const out = await t.run(async (ctx: any) => {
      const alone = await orm.db(ctx).query.users.findMany({ with: load });
      const shared = await orm.db(ctx).query.users.findMany({ where: { groups: true }, with: load });
      return { alone: names(alone), shared: names(shared) };
    });
    expect(out.alone).toEqual([
      ['u0', ['G-new', 'G-old']],
      ['u1', ['G-new', 'G-old']],
    ]);
    expect(out.shared).toEqual(out.alone);
  });

  it('beside a relation order along it', async () => {
    const t = await seededTie();
    const out = await t.run(async (ctx: any) => {
      const alone = await orm.db(ctx).query.users.findMany({ with: load });
      const shared = await orm
        .db(ctx)
        .query.users.findMany({ orderBy: { groups: 'desc(count)', name: 'asc' }, with: load });
      return { alone: names(alone), shared: names(shared) };
    });
    expect(out.shared).toEqual(out.alone);
  });
});
