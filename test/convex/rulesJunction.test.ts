import type { Auth } from 'convex/server';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import type { Id } from '../../example/convex/_generated/dataModel';
import type { MutationCtx } from '../../example/convex/_generated/server';
import schema, { groups, relations, usersToGroups } from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';
import { createOrm, defineRules, type OrmWriter } from '../../src/index';
import { insertVicAndMal } from './vicAndMal';

type Db = OrmWriter<typeof relations>;
async function viewerOf(ctx: { auth: Auth }): Promise<Id<'users'> | null> {
  const identity = await ctx.auth.getUserIdentity();
  return (identity?.subject as Id<'users'> | undefined) ?? null;
}
// Everyone is listed, every group is listed, but who belongs to which group is private.
const rules = defineRules(relations, async (ctx: { auth: Auth }) => {
  const viewer = await viewerOf(ctx);
  const mine = viewer ? { userId: viewer } : { _id: { in: [] } };
  return { users: { read: {} }, groups: { read: {} }, usersToGroups: { read: mine } };
});
const orm = createOrm({ relations, rules });
const system = createOrm({ relations });

async function world() {
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
  const as = <R>(user: Id<'users'>, fn: (db: Db) => PromiseLike<R>) =>
    t.withIdentity({ subject: user }).run(async (ctx) => await fn(orm.db(ctx as MutationCtx)));
  return { ids, as, t };
}

// A through relation reads the junction rows its read rule lets the caller see: a hidden link
// hides the target it names from every path (loads, relation filters, _count, relation order).
describe('rules on a junction table (through relations)', () => {
  it('the hidden membership row is not visible directly', async () => {
    const { ids, as } = await world();
    expect(await as(ids.mal, (db) => db.query.usersToGroups.findMany({}))).toEqual([]);
    expect(
      await as(ids.mal, (db) => db.query.users.findFirst({ where: { _id: ids.vic }, with: { memberships: true } })),
    ).toMatchObject({ memberships: [] });
  });
  it('with: { groups } through the hidden junction row does not reveal the group', async () => {
    const { ids, as } = await world();
    const vic = await as(ids.mal, (db) =>
      db.query.users.findFirst({
        where: { _id: ids.vic },
        columns: { name: true },
        with: { groups: { columns: { name: true } } },
      }),
    );
    expect(vic).toEqual({ name: 'Vic', groups: [] });
  });
  it('a relation filter through the hidden junction row matches nothing', async () => {
    const { ids, as } = await world();
    const members = await as(ids.mal, (db) =>
      db.query.users.findMany({ where: { groups: { name: 'rehab clinic' } }, columns: { name: true } }),
    );
    expect(members).toEqual([]);
  });
  it('_count through the hidden junction row is 0', async () => {
    const { ids, as } = await world();
    const vic = await as(ids.mal, (db) =>
      db.query.users.findFirst({ where: { _id: ids.vic }, columns: { name: true }, _count: { groups: true } }),
    );
    expect(vic).toEqual({ name: 'Vic', _count: { groups: 0 } });
  });
  it('group.members through the hidden junction row is empty', async () => {
    const { ids, as } = await world();
    const g = await as(ids.mal, (db) =>
      db.query.groups.findFirst({
        where: { _id: ids.rehab },
        columns: { name: true },
        with: { members: { columns: { name: true } } },
      }),
    );
    expect(g).toEqual({ name: 'rehab clinic', members: [] });
  });
  it('orderBy a count through the hidden junction row does not rank by it', async () => {
    const { ids, as } = await world();
    // Vic was inserted before Mal; with both counts 0 (Vic's membership hidden) the tie keeps Vic first.
    const order = await as(ids.mal, (db) =>
      db.query.users.findMany({ orderBy: { groups: 'asc(count)' } as never, columns: { name: true } }),
    );
    expect(order.map((user) => user.name)).toEqual(['Vic', 'Mal']);
  });
  it('the member sees the link the rule lets them see, and explain() shows the rule on the junction read', async () => {
    const { ids, as } = await world();
    const vic = await as(ids.vic, (db) =>
      db.query.users.findFirst({
        where: { _id: ids.vic },
        columns: { name: true },
        with: { groups: { columns: { name: true } } },
        _count: { groups: true },
      }),
    );
    expect(vic).toEqual({ name: 'Vic', groups: [{ name: 'rehab clinic' }], _count: { groups: 1 } });
    // The rule function is async: a query of the db evaluates it before explain() describes the plan.
    const plan = await as(ids.mal, async (db) => {
      await db.query.users.findFirst({});
      return db.query.users.findFirst({ with: { groups: true } }).explain();
    });
    expect(JSON.stringify(plan.with?.groups?.junction)).toContain(ids.mal);
  });
  it('defaultDeny without a junction entry: a through load and a relation filter through it fail closed like a direct read', async () => {
    const { ids, t } = await world();
    const denying = createOrm({
      relations,
      rules: defineRules(relations, () => ({ users: { read: {} }, groups: { read: {} } }), { defaultDeny: true }),
    });
    const result = await t.withIdentity({ subject: ids.mal }).run(async (ctx) => {
      const db = denying.db(ctx as MutationCtx);
      const direct = await db.query.usersToGroups.findMany({}).then(
        () => 'read',
        (e: { code?: string }) => e.code,
      );
      const through = await db.query.users
        .findFirst({ where: { _id: ids.vic }, columns: { name: true }, with: { groups: { columns: { name: true } } } })
        .then(
          (row) => row,
          (e: { code?: string }) => e.code,
        );
      const filtered = await db.query.users.findMany({ where: { groups: { name: 'rehab clinic' } } }).then(
        () => 'read',
        (e: { code?: string }) => e.code,
      );
      return { direct, through, filtered };
    });
    expect(result.direct).toBe('RULE_VIOLATION');
    expect(result.through).toBe('RULE_VIOLATION');
    expect(result.filtered).toBe('RULE_VIOLATION');
  });
});
