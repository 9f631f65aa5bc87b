/**
 * Found by review (of f6fe6a54, which let loads through a junction take held rows): a root
 * relation filter beside a `with` load of the same through relation read every match of each
 * row's key for the load, one parent at a time, so each parent's read had its own target reader:
 * through a junction naming its targets by a column other than `_id` (`memberships.groupSlug` ->
 * `groups.slug`), a target two parents link to was read once per parent, and the shared query read
 * more than its filter and its load run apart (docs/queries.md, "Load relations": "a target two
 * parents link to is read once"). Through a junction only targets by `_id` are held now: here the
 * filter stops at each user's first match and the load reads its own (63 / 34 where the load alone
 * reads 43 / 14: docs/queries.md, "Measured read costs"), no more than the two run apart.
 */
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../src/index';
import { countReads } from '../../src/testing/index';

const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { slug: text().notNull(), name: text().notNull() }, (t) => [
  index('by_slug').on(t.slug),
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

async function seeded(userCount: number, slugs: string[]) {
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

const names = (rows: any[]) => rows.map((u) => ({ name: u.name, groups: u.groups.map((g: any) => g.name) }));

describe('relation filter beside a through load to targets by column', () => {
  it('reads no more than the filter and the load run apart (not shared: targets by column)', async () => {
    const t = await seeded(10, ['a', 'b', 'c']);
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
