// Claim check (from a review that found no bug): docs/select.md "Rules and soft delete" says each joined table's read
// rule and `deletedAt isNull` join each lookup's filter, so a hidden row is no partner (inner join
// drops, left join pads with null) and `groupBy` counts, `$count` (alone and embedded) and
// limit/offset see visible rows only; `.withDeleted()` includes soft-deleted rows, rules still apply.
// test/convex/selectJunctionRule.test.ts covers a junction's object rule through where-objects only;
// this pins a three-table join through a deletion('scheduled') junction under each rule kind
// (relation filter on the junction, function rule, object `ne` rule) giving the same answers.
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  asc,
  boolean,
  convexTable,
  count,
  countDistinct,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  isNull,
  max,
  text,
  timestamp,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull() });
const groups = convexTable('groups', { name: text().notNull(), secret: boolean().notNull() });
const links = convexTable(
  'links',
  {
    userId: id('users').notNull(),
    groupId: id('groups').notNull(),
    role: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_user').on(t.userId, t.deletedAt),
    index('by_group').on(t.groupId, t.deletedAt),
    deletion('scheduled', { column: t.deletedAt, delayMs: 60000 }),
  ],
);
const tables = { users, groups, links };
const relations = defineRelations(tables, (r) => ({
  users: {
    groups: r.many.groups({ from: r.users._id.through(r.links.userId), to: r.groups._id.through(r.links.groupId) }),
  },
  groups: {
    members: r.many.users({ from: r.groups._id.through(r.links.groupId), to: r.users._id.through(r.links.userId) }),
  },
  links: {
    group: r.one.groups({ from: r.links.groupId, to: r.groups._id, optional: false }),
    user: r.one.users({ from: r.links.userId, to: r.users._id, optional: false }),
  },
}));
const mk = (linkRule: unknown) =>
  createOrm({
    relations,
    rules: defineRules(relations, () => ({
      users: { read: {} },
      groups: { read: {} },
      links: { read: linkRule as never },
    })),
  });
const variants: Record<string, ReturnType<typeof mk>> = {
  rel: mk({ group: { secret: false } }),
  fn: mk((row: { role: string }) => row.role !== 'hidden'),
  obj: mk({ role: { ne: 'hidden' } }),
};
const system = createOrm({ relations });
const tryit = async (f: () => unknown) => {
  try {
    return await f();
  } catch (e) {
    return `ERR ${(e as any)?.code} ${(e as Error).message.slice(0, 200)}`;
  }
};

it('joins through a hidden or soft-deleted junction row, under each rule kind', async () => {
  const t = convexTest({ schema: defineSchema(tables), modules });
  await t.run(async (ctx) => {
    const db = system.db(ctx);
    const [a, b, c] = await db
      .insert(users)
      .values([{ name: 'a' }, { name: 'b' }, { name: 'c' }])
      .returning();
    const [pub, sec, del] = await db
      .insert(groups)
      .values([
        { name: 'pub', secret: false },
        { name: 'sec', secret: true },
        { name: 'del', secret: false },
      ])
      .returning();
    await db.insert(links).values([
      { userId: a!._id, groupId: pub!._id, role: 'm' },
      { userId: a!._id, groupId: sec!._id, role: 'hidden' },
      { userId: b!._id, groupId: sec!._id, role: 'hidden' },
      { userId: b!._id, groupId: del!._id, role: 'm', deletedAt: 5 },
      { userId: c!._id, groupId: pub!._id, role: 'm' },
    ]);
  });
  const expected = {
    byGroupName: [{ g: 'pub', n: 2 }],
    cnt: 2,
    emb: [
      { u: 'a', n: 1 },
      { u: 'b', n: 0 },
      { u: 'c', n: 1 },
    ],
    fromGroups: [
      { g: 'del', n: 0 },
      { g: 'pub', n: 2 },
      { g: 'sec', n: 0 },
    ],
    fromLinks: [{ r: 'm' }, { r: 'm' }],
    grp: [
      { u: 'a', n: 1, d: 1, m: 'pub' },
      { u: 'b', n: 0, d: 0, m: null },
      { u: 'c', n: 1, d: 1, m: 'pub' },
    ],
    inner: [
      { u: 'a', g: 'pub' },
      { u: 'c', g: 'pub' },
    ],
    left: [
      { u: 'a', g: 'pub', r: 'm' },
      { u: 'b', g: null, r: null },
      { u: 'c', g: 'pub', r: 'm' },
    ],
    limitOff: [{ u: 'c', g: 'pub' }],
    whereNull: [{ u: 'b' }],
    whereRel: [],
    withDeleted: [
      { u: 'a', g: 'pub' },
      { u: 'b', g: 'del' },
      { u: 'c', g: 'pub' },
    ],
  };
  for (const [name, orm] of Object.entries(variants)) {
    const out = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const q = {
        inner: () =>
          db
            .select({ u: users.name, g: groups.name })
            .from(users)
            .innerJoin(links, eq(links.userId, users._id))
            .innerJoin(groups, eq(groups._id, links.groupId))
            .orderBy(asc(users.name), asc(groups.name)),
        left: () =>
          db
            .select({ u: users.name, g: groups.name, r: links.role })
            .from(users)
            .leftJoin(links, eq(links.userId, users._id))
            .leftJoin(groups, eq(groups._id, links.groupId))
            .orderBy(asc(users.name), asc(groups.name)),
        grp: () =>
          db
            .select({ u: users.name, n: count(links._id), d: countDistinct(groups.name), m: max(groups.name) })
            .from(users)
            .leftJoin(links, eq(links.userId, users._id))
            .leftJoin(groups, eq(groups._id, links.groupId))
            .groupBy(users._id)
            .orderBy(asc(users.name)),
        fromGroups: () =>
          db
            .select({ g: groups.name, n: count(links._id) })
            .from(groups)
            .leftJoin(links, eq(links.groupId, groups._id))
            .groupBy(groups._id)
            .orderBy(asc(groups.name)),
        byGroupName: () =>
          db
            .select({ g: groups.name, n: count() })
            .from(links)
            .innerJoin(groups, eq(groups._id, links.groupId))
            .groupBy(groups.name)
            .orderBy(asc(groups.name)),
        cnt: () => db.$count(links),
        emb: () =>
          db
            .select({ u: users.name, n: db.$count(links, eq(links.userId, users._id)) })
            .from(users)
            .orderBy(asc(users.name)),
        fromLinks: () => db.select({ r: links.role }).from(links),
        whereRel: () =>
          db
            .select({ u: users.name })
            .from(users)
            .where({ groups: { name: 'sec' } } as never),
        whereNull: () =>
          db
            .select({ u: users.name })
            .from(users)
            .leftJoin(links, eq(links.userId, users._id))
            .where(isNull(links._id))
            .orderBy(asc(users.name)),
        withDeleted: () =>
          db
            .select({ u: users.name, g: groups.name })
            .from(users)
            .innerJoin(links, eq(links.userId, users._id))
            .innerJoin(groups, eq(groups._id, links.groupId))
            .withDeleted()
            .orderBy(asc(users.name), asc(groups.name)),
        limitOff: () =>
          db
            .select({ u: users.name, g: groups.name })
            .from(users)
            .innerJoin(links, eq(links.userId, users._id))
            .innerJoin(groups, eq(groups._id, links.groupId))
            .limit(1)
            .offset(1),
      };
      const res: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(q)) res[k] = await tryit(async () => ((f() as any).then ? await f() : f()));
      return res;
    });
    expect({ name, ...out }).toEqual({ name, ...expected });
  }
});
