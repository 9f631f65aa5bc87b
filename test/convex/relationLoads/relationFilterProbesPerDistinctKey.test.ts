import { describe, expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { backend, orm } from './fixture';

// A relation filter reads once per distinct parent key (src/query/relationExists.ts keeps each
// key's answer for the query), as a `with` load of the same relation does and as careful
// hand-written `ctx.db` code would: 50 posts by 2 authors probe 2 authors' rows, not 50; a filter
// nested under a `one` by `_id` ({ author: { profile: ... } }) probes each author's profile once;
// and a through load's shared targets test their nested relation filter once per target.

const POSTS = 50;

async function seeded() {
  const t = backend();
  await t.run(async (raw: any) => {
    const ada = await raw.db.insert('users', { name: 'ada', role: 'admin', invitedBy: null });
    const bob = await raw.db.insert('users', { name: 'bob', role: 'member', invitedBy: null });
    await raw.db.insert('profiles', { userId: ada, bio: 'verified' });
    await raw.db.insert('profiles', { userId: bob, bio: 'unverified' });
    for (let i = 0; i < POSTS; i++)
      await raw.db.insert('posts', {
        authorId: i % 2 ? ada : bob,
        editorId: null,
        title: `t${i}`,
        rank: i,
        category: 'x',
      });
  });
  return t;
}

describe('relation filters probe each distinct key once, as with-loads and hand-written code do', () => {
  it('posts whose author has a verified profile: each author profile probed once (5 ranges; reads 53)', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.posts.findMany({ where: { author: { profile: { bio: 'verified' } } } });
      return { n: rows.length, reads: { ...reads } };
    });
    expect(out.n).toBe(POSTS / 2);
    // Hand-written: posts (1 range, 50 docs); each distinct author once by db.get (2 ranges, 2 docs),
    // then that author's profile through profiles.by_user, .first() (2 ranges, 2 docs).
    expect(out.reads).toEqual({ documents: POSTS + 2 + 2, ranges: 1 + 2 + 2 });
  });

  it('posts whose author profile (a one relation keyed by authorId) is verified: one probe per distinct authorId', async () => {
    const t = await seeded();
    const out = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.posts.findMany({ where: { authorProfile: { bio: 'verified' } } });
      return { n: rows.length, reads: { ...reads } };
    });
    expect(out.n).toBe(POSTS / 2);
    // Hand-written: posts (1 range, 50 docs), then profiles.by_user .first() per distinct authorId
    // (2 ranges, 2 docs). `with: { authorProfile: true }` reads exactly that.
    expect(out.reads).toEqual({ documents: POSTS + 2, ranges: 1 + 2 });
  });

  it("a with-load's shared through targets: a target's nested relation filter is probed once, not once per link", async () => {
    const t = backend();
    await t.run(async (raw: any) => {
      const g1 = await raw.db.insert('groups', { name: 'g1', open: true });
      const g2 = await raw.db.insert('groups', { name: 'g2', open: true });
      for (let i = 0; i < 20; i++) {
        const u = await raw.db.insert('users', { name: `u${i}`, role: 'member', invitedBy: null });
        await raw.db.insert('members', { userId: u, groupId: g1, level: 1 });
        await raw.db.insert('members', { userId: u, groupId: g2, level: 1 });
      }
    });
    const out = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      const rows = await orm.db(ctx).query.users.findMany({
        with: { groups: { where: { members: { role: 'admin' } } } },
      });
      return { groups: rows.map((row: any) => row.groups.length), reads: { ...reads } };
    });
    expect(out.groups).toEqual(Array(20).fill(0));
    // Hand-written: users (1 range, 20 docs); each user's links by members.by_user (20 ranges, 40
    // docs); the 2 groups by db.get once each (2, 2); each group's "has an admin member" once: its
    // links by members.by_group (2 ranges, 40 docs) and the 20 users they name by db.get (20, 20).
    // The group rows come from the db.get cache and each one's nested filter from its kept answer.
    expect(out.reads).toEqual({ documents: 20 + 40 + 2 + 40 + 20, ranges: 1 + 20 + 2 + 2 + 20 });
  });

  it('the with-load of the same relation reads each distinct key once too', async () => {
    const t = await seeded();
    const reads = await t.run(async (raw: any) => {
      const { ctx, reads } = countReads(raw);
      await orm.db(ctx).query.posts.findMany({ with: { authorProfile: true } });
      return { ...reads };
    });
    expect(reads).toEqual({ documents: POSTS + 2, ranges: 1 + 2 });
  });
});
