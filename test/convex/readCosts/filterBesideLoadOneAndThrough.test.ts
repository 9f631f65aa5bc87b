// A relation filter beside a `with` load of the same relation reads the related rows once when the
// relation is a `one` read by index (not `_id`): "users with a profile, with their profile"
// (`where: { profile: true }, with: { profile: true }`, profile = r.one.profiles({ from: users._id,
// to: profiles.userId })) reads what hand-written code reads (one `by_user` lookup per user, keep
// those found): 15 documents / 11 ranges over 10 users, 5 with a profile. Through a junction too:
// "users in a group, with their groups" reads 22 / 13, as hand-written code (it read the junction
// ranges twice, 32 / 23, until the load took the filter's rows, which come in junction order as
// its own read gives them: docs/queries.md, "Measured read costs").
import { describe, expect, it } from 'vitest';
import { counted, orm, seeded } from './blogFixture';

describe('a relation filter beside a load of the same one / through relation', () => {
  it('where: { profile: true } with: { profile: true } reads each profile once (15 / 11, as hand-written)', async () => {
    const { t } = await seeded(10, 0);
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const rows = [];
        for (const user of await ctx.db.query('users').collect()) {
          const profile = await ctx.db
            .query('profiles')
            .withIndex('by_user', (q: any) => q.eq('userId', user._id))
            .first();
          if (profile) rows.push({ name: user.name, bio: profile.bio });
        }
        return rows;
      });
      const orm_ = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { profile: true }, with: { profile: true } }),
      );
      const explained = orm
        .db(raw)
        .query.users.findMany({ where: { profile: true }, with: { profile: true } })
        .explain();
      return { floor, orm: orm_, explained: explained as any };
    });
    expect(out.orm.result.map((u: any) => ({ name: u.name, bio: u.profile?.bio }))).toEqual(out.floor.result);
    expect(out.floor.reads).toEqual({ documents: 15, ranges: 11 });
    expect(out.orm.reads).toEqual(out.floor.reads);
    expect(out.explained.exists.profile.load).toMatch(/^per parent, the first match, which with\.profile takes/);
  });

  it('where: { groups: true } with: { groups: true } reads each junction range once (22 / 13, as hand-written)', async () => {
    const { t } = await seeded(10, 0);
    const out = await t.run(async (raw: any) => {
      const floor = await counted(raw, async (ctx) => {
        const rows = [];
        const groups = new Map<string, any>();
        for (const user of await ctx.db.query('users').collect()) {
          const links = await ctx.db
            .query('usersToGroups')
            .withIndex('by_user', (q: any) => q.eq('userId', user._id))
            .collect();
          const found = [];
          for (const link of links) {
            if (!groups.has(link.groupId)) groups.set(link.groupId, await ctx.db.get(link.groupId));
            const group = groups.get(link.groupId);
            if (group) found.push(group.name);
          }
          if (found.length > 0) rows.push({ name: user.name, groups: found });
        }
        return rows;
      });
      const orm_ = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { groups: true }, with: { groups: true } }),
      );
      const explained = orm
        .db(raw)
        .query.users.findMany({ where: { groups: true }, with: { groups: true } })
        .explain() as any;
      return { floor, orm: orm_, explained };
    });
    expect(out.orm.result.map((u: any) => ({ name: u.name, groups: u.groups.map((g: any) => g.name) }))).toEqual(
      out.floor.result,
    );
    expect(out.floor.reads).toEqual({ documents: 22, ranges: 13 });
    expect(out.orm.reads).toEqual(out.floor.reads);
    expect(out.explained.exists.groups.load).toMatch(/^per parent, every match, which with\.groups takes/);
  });

  it('a key of several rows: the filter reads its first only, the row the load takes without it', async () => {
    const { t, ids } = await seeded(10, 0);
    // u0 gets two more profiles: its key range holds three.
    await t.run(async (raw: any) => {
      for (const bio of ['second', 'third']) await raw.db.insert('profiles', { userId: ids.users[0], bio });
    });
    const out = await t.run(async (raw: any) => {
      const beside = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ where: { profile: true }, with: { profile: true } }),
      );
      const alone = await orm.db(raw).query.users.findMany({ with: { profile: true } });
      return { beside, alone };
    });
    const bios = (rows: any[]) => rows.map((u) => [u.name, u.profile?.bio ?? null]);
    expect(bios(out.beside.result)).toEqual(bios(out.alone).filter(([, bio]) => bio !== null));
    // As with one profile per user: 10 users and a range each, the 5 first profiles.
    expect(out.beside.reads).toEqual({ documents: 15, ranges: 11 });
  });

  it('a relation order on a one relation: its load takes the first row the order read', async () => {
    const { t } = await seeded(10, 0);
    const out = await t.run(async (raw: any) => {
      const config = { orderBy: { profile: { bio: 'asc' } }, with: { profile: true } } as const;
      const ordered = await counted(raw, (ctx) => orm.db(ctx).query.users.findMany(config as never));
      const orderOnly = await counted(raw, (ctx) =>
        orm.db(ctx).query.users.findMany({ orderBy: { profile: { bio: 'asc' } } } as never),
      );
      const explained = orm
        .db(raw)
        .query.users.findMany(config as never)
        .explain() as any;
      return { ordered, orderOnly, explained };
    });
    expect(out.ordered.reads).toEqual(out.orderOnly.reads);
    expect(out.explained.with.profile.fromEarlierRead).toMatch(
      /^for each parent key the query read the relation of before/,
    );
  });
});
