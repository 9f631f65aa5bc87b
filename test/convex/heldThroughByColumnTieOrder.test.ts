/**
 * Found by review (of f6fe6a54, which let loads through a junction take held rows): a `with` load
 * of a through relation whose junction names its targets by a non-unique column
 * (`memberships.groupSlug` -> `groups.slug`, two groups share slug 'a'), with an `orderBy` an index
 * serves descending (`by_slug_rank`, `rank: 'desc'`), gave rows tied on that order in another
 * order when it took held rows (beside a relation filter of the same relation, or a relation order
 * along it) than alone: held, one link's targets had been read under the filter's or order's own
 * selection (ascending). heldLoads.ts: "in the order and window its own read under `selection`
 * gives". Through a junction only targets by `_id` (one per link) are held now.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../src/index';

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

async function seeded() {
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

const names = (rows: any[]) => rows.map((u) => [u.name, u.groups.map((g: any) => g.name)]);
const load = { groups: { orderBy: { rank: 'desc' } } } as const;

describe('held rows through a junction by column keep the load order of ties', () => {
  it('beside a relation filter of the same relation', async () => {
    const t = await seeded();
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
    const t = await seeded();
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
