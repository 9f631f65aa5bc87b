// docs/rules.md "Reads": a many-to-many relation's junction `read` rule
// hides the row a hidden link names from relation filters and _count; docs/select.md says a select
// sees exactly the rows db.query would. test/convex/rulesJunction.test.ts covers only db.query; this
// pins the db.select() paths: a where-object relation filter through the junction, db.$count with
// one, the same $count embedded per row, count() over `{ groups: true }`, and a leftJoin of the
// junction itself (hidden link -> null partner).
import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { expect, it } from 'vitest';
import type { Id } from '../../example/convex/_generated/dataModel';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { groups, relations, users, usersToGroups } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { count, createOrm, defineRules, eq, type OrmWriter } from '../../src/index';
import { insertVicAndMal } from './vicAndMal';

type Db = OrmWriter<typeof relations>;
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = ((await ctx.auth.getUserIdentity())?.subject as Id<'users'> | undefined) ?? null;
  const mine = viewer ? { userId: viewer } : { _id: { in: [] } };
  return { users: { read: {} }, groups: { read: {} }, usersToGroups: { read: mine } };
});
const orm = createOrm({ relations, rules });
const system = createOrm({ relations });
it('select paths through a hidden junction', async () => {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const db = system.db(ctx as MutationCtx);
    const { vic, mal } = await insertVicAndMal(db);
    const [rehab] = await db
      .insert(groups)
      .values([{ name: 'rehab clinic' }])
      .returning({ _id: groups._id });
    await db.insert(usersToGroups).values({ userId: vic, groupId: rehab!._id });
    return { vic, mal, rehab: rehab!._id };
  });
  const out = await t.withIdentity({ subject: ids.mal }).run(async (ctx) => {
    const db = orm.db(ctx as MutationCtx) as Db;
    return {
      where: await db
        .select({ n: users.name })
        .from(users)
        .where({ groups: { name: 'rehab clinic' } }),
      whereGroups: await db
        .select({ n: groups.name })
        .from(groups)
        .where({ members: { _id: ids.vic } } as never),
      cnt: await db.$count(users, { groups: { name: 'rehab clinic' } }),
      emb: await db.select({ g: groups.name, c: db.$count(users, { groups: { name: 'rehab clinic' } }) }).from(groups),
      grp: await db.select({ n: count() }).from(users).where({ groups: true }),
      join: await db
        .select({ u: usersToGroups.userId })
        .from(groups)
        .leftJoin(usersToGroups, eq(usersToGroups.groupId, groups._id)),
    };
  });
  expect(out.where).toEqual([]);
  expect(out.cnt).toBe(0);
  expect(out.emb).toEqual([{ g: 'rehab clinic', c: 0 }]);
  expect(out.grp).toEqual([{ n: 0 }]);
  expect(out.join).toEqual([{ u: null }]);
});
