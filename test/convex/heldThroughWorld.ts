import { convexTest } from 'convex-test';
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
  integer,
  text,
} from '../../src/index';

// A world for the held-rows-through-a-junction differentials (review of f6fe6a54): users in
// groups through `memberships`, by `_id` (groups, firstGroup: a `one` through) and by a
// non-unique column (slugGroups: groups.slug, several groups a slug); soft delete on all three;
// links inserted out of the groups' order, duplicated, and naming missing groups.
const users = convexTable('users', { name: text().notNull(), deletedAt: integer() }, (t) => [
  index('by_name').on(t.name),
  deletion('soft', { column: t.deletedAt }),
]);
const groups = convexTable(
  'groups',
  { name: text().notNull(), slug: text().notNull(), rank: integer(), deletedAt: integer() },
  (t) => [index('by_slug_rank').on(t.slug, t.rank), deletion('soft', { column: t.deletedAt })],
);
const memberships = convexTable(
  'memberships',
  { userId: id('users').notNull(), groupId: id('groups').notNull(), groupSlug: text().notNull(), deletedAt: integer() },
  (t) => [index('by_user').on(t.userId), deletion('soft', { column: t.deletedAt })],
);
const tables = { users, groups, memberships };
export const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({
      from: r.users._id.through(r.memberships.userId),
      to: r.groups._id.through(r.memberships.groupId),
      alias: 'byId',
    }),
    slugGroups: r.many.groups({
      from: r.users._id.through(r.memberships.userId),
      to: r.groups.slug.through(r.memberships.groupSlug),
      alias: 'bySlug',
    }),
    firstGroup: r.one.groups({
      from: r.users._id.through(r.memberships.userId),
      to: r.groups._id.through(r.memberships.groupId),
      alias: 'first',
    }),
  },
  groups: {
    members: r.many.users({ alias: 'byId' }),
  },
}));
const schema = defineSchema(tables);

export const plain = createOrm({ relations });
export const groupRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ groups: { read: { rank: { ne: 2 } } } })),
});
export const linkRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({ memberships: { read: { groupSlug: { ne: 'c' } } } })),
});
/** users readable only when in a group of rank != 3 (a relation filter through the same junction). */
export const userRelRule = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    users: { read: { groups: { rank: { ne: 3 } } } },
    groups: { read: {} },
    memberships: { read: {} },
  })),
});
export const lowRanges = createOrm({ relations, transactionBudget: { indexRanges: 14 } as any });

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Groups (inserted in a random order, ranks with ties), users, and links in random order. */
export async function seed(r: () => number, userCount = 8) {
  const t = convexTest({ schema, modules } as any);
  await t.run(async (raw: any) => {
    const gs: { id: any; slug: string }[] = [];
    for (let g = 0; g < 7; g++) {
      const slug = pick(r, ['a', 'b', 'c']);
      gs.push({
        id: await raw.db.insert('groups', {
          name: `G${g}`,
          slug,
          rank: Math.floor(r() * 4),
          deletedAt: r() < 0.15 ? 1 : null,
        }),
        slug,
      });
    }
    // A group deleted for good: links to it name a missing target.
    const gone = await raw.db.insert('groups', { name: 'gone', slug: 'zz', rank: 0 });
    await raw.db.delete(gone);
    const us: any[] = [];
    for (let i = 0; i < userCount; i++)
      us.push(await raw.db.insert('users', { name: `u${i}`, deletedAt: r() < 0.1 ? 1 : null }));
    const links = Math.floor(userCount * 2.5);
    for (let k = 0; k < links; k++) {
      const user = pick(r, us);
      const missing = r() < 0.08;
      const g = pick(r, gs);
      await raw.db.insert('memberships', {
        userId: user,
        groupId: missing ? gone : g.id,
        groupSlug: missing ? 'zz' : g.slug,
        deletedAt: r() < 0.15 ? 1 : null,
      });
    }
  });
  return t;
}
