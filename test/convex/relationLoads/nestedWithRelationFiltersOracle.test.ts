// Seeded: three-level findMany configs (users -> posts -> comments, users -> groups through members,
// users -> invitee) with a where, an orderBy (tie-broken by _id), limit and offset at each level,
// relation filters at every level (some / NOT / OR with columns / on one relations / nested), checked
// against a plain JS oracle over the raw documents: Drizzle v1's per-parent semantics.
import { compareValues } from 'convex/values';
import { expect, it } from 'vitest';
import { seededRandom } from '../../seededRandom';
import { backend, orm } from './fixture';

async function seed(raw: any, random: () => number) {
  const users: any[] = [];
  for (let i = 0; i < 6; i++)
    users.push(
      await raw.db.insert('users', {
        name: `u${Math.floor(random() * 3)}`,
        role: random() < 0.5 ? 'admin' : 'member',
        invitedBy: i ? users[Math.floor(random() * i)] : null,
      }),
    );
  const gs: any[] = [];
  for (let i = 0; i < 4; i++)
    gs.push(await raw.db.insert('groups', { name: `g${Math.floor(random() * 3)}`, open: random() < 0.5 }));
  const posts: any[] = [];
  for (let i = 0; i < 20; i++)
    posts.push(
      await raw.db.insert('posts', {
        authorId: users[Math.floor(random() * 6)],
        editorId: random() < 0.5 ? users[Math.floor(random() * 6)] : null,
        title: `t${Math.floor(random() * 4)}`,
        rank: Math.floor(random() * 4),
        category: random() < 0.5 ? 'x' : 'y',
      }),
    );
  for (let i = 0; i < 30; i++)
    await raw.db.insert('comments', {
      postId: posts[Math.floor(random() * 20)],
      body: `b${Math.floor(random() * 3)}`,
      approved: random() < 0.5,
      score: Math.floor(random() * 4),
    });
  for (let i = 0; i < 10; i++)
    await raw.db.insert('members', {
      userId: users[Math.floor(random() * 6)],
      groupId: gs[Math.floor(random() * 4)],
      level: Math.floor(random() * 3),
    });
}

const pick = <T>(r: () => number, xs: T[]) => xs[Math.floor(r() * xs.length)]!;
function genLevel(r: () => number, fields: string[], whereOpts: any[]) {
  const c: any = {};
  if (r() < 0.6) c.where = pick(r, whereOpts);
  {
    const f = pick(r, fields);
    c.orderBy = { [f]: pick(r, ['asc', 'desc']), _id: 'asc' };
  }
  if (r() < 0.5) c.limit = pick(r, [0, 1, 2, 3]);
  if (r() < 0.4) c.offset = pick(r, [1, 2]);
  return c;
}

function sortRows(rows: any[], orderBy: any) {
  if (!orderBy) return rows;
  return [...rows].sort((a, b) => {
    for (const [f, d] of Object.entries(orderBy)) {
      const c = compareValues(a[f] ?? null, b[f] ?? null);
      if (c) return d === 'asc' ? c : -c;
    }
    return 0;
  });
}
function win(rows: any[], c: any) {
  const off = c.offset ?? 0;
  return rows.slice(off, c.limit === undefined ? undefined : off + c.limit);
}

it.each(Array.from({ length: 60 }, (_, i) => i + 1))('seed %i', async (s) => {
  const r = seededRandom(s * 7919);
  const t = backend();
  await t.run(async (raw: any) => seed(raw, r));
  const commentWhere = [{ approved: true }, { score: { gt: 1 } }, { NOT: { body: 'b0' } }, { post: { category: 'x' } }];
  const postWhere = [
    { category: 'x' },
    { comments: true },
    { comments: { approved: false } },
    { NOT: { comments: true } },
    { OR: [{ rank: 0 }, { comments: { score: 3 } }] },
    { editor: { role: 'admin' } },
    { editorId: { isNull: true } },
  ];
  const cc = genLevel(r, ['score', 'body', '_creationTime'], commentWhere);
  const pc = { ...genLevel(r, ['rank', 'title', '_creationTime'], postWhere), with: { comments: cc } };
  const gc = genLevel(r, ['name', 'open'], [{ open: true }, { members: { role: 'admin' } }, { NOT: { name: 'g0' } }]);
  const rootWhere = pick(r, [
    undefined,
    { posts: true },
    { posts: { category: 'y' } },
    { NOT: { groups: true } },
    { OR: [{ role: 'admin' }, { posts: { comments: { approved: true } } }] },
    { invitee: { role: 'admin' } },
  ]);
  const config: any = {
    orderBy: { _creationTime: 'asc' },
    with: { posts: pc, groups: gc, invitee: { columns: { name: true } } },
  };
  if (rootWhere) config.where = rootWhere;
  const { got, all } = await t.run(async (raw: any) => ({
    got: await orm.db(raw).query.users.findMany(config),
    all: {
      users: await raw.db.query('users').collect(),
      posts: await raw.db.query('posts').collect(),
      comments: await raw.db.query('comments').collect(),
      groups: await raw.db.query('groups').collect(),
      members: await raw.db.query('members').collect(),
    },
  }));
  // oracle
  const byId = new Map<string, any>();
  for (const k of Object.keys(all)) for (const d of (all as any)[k]) byId.set(d._id, d);
  const postsOf = (u: any) => all.posts.filter((p: any) => p.authorId === u._id);
  const commentsOf = (p: any) => all.comments.filter((c: any) => c.postId === p._id);
  const groupsOf = (u: any) => all.members.filter((m: any) => m.userId === u._id).map((m: any) => byId.get(m.groupId));
  const membersOf = (g: any) => all.members.filter((m: any) => m.groupId === g._id).map((m: any) => byId.get(m.userId));
  const mc = (c: any, w: any): boolean => {
    if (!w) return true;
    return Object.entries(w).every(([k, v]: any) => {
      if (k === 'approved') return c.approved === v;
      if (k === 'score') return typeof v === 'number' ? c.score === v : c.score > v.gt;
      if (k === 'NOT') return !mc(c, v);
      if (k === 'body') return c.body === v;
      if (k === 'post') return byId.get(c.postId).category === v.category;
      throw new Error(k);
    });
  };
  const mp = (p: any, w: any): boolean => {
    if (!w) return true;
    return Object.entries(w).every(([k, v]: any) => {
      if (k === 'category') return p.category === v;
      if (k === 'rank') return p.rank === v;
      if (k === 'comments') return v === true ? commentsOf(p).length > 0 : commentsOf(p).some((c: any) => mc(c, v));
      if (k === 'NOT') return !mp(p, v);
      if (k === 'OR') return v.some((x: any) => mp(p, x));
      if (k === 'editor') return p.editorId !== null && byId.get(p.editorId).role === v.role;
      if (k === 'editorId') return p.editorId === null;
      throw new Error(k);
    });
  };
  const mg = (g: any, w: any): boolean => {
    if (!w) return true;
    return Object.entries(w).every(([k, v]: any) => {
      if (k === 'open') return g.open === v;
      if (k === 'members') return membersOf(g).some((u: any) => u.role === v.role);
      if (k === 'NOT') return !mg(g, v);
      if (k === 'name') return g.name === v;
      throw new Error(k);
    });
  };
  const mu = (u: any, w: any): boolean => {
    if (!w) return true;
    return Object.entries(w).every(([k, v]: any) => {
      if (k === 'posts') return v === true ? postsOf(u).length > 0 : postsOf(u).some((p: any) => mp(p, v));
      if (k === 'NOT') return !mu(u, v);
      if (k === 'groups') return groupsOf(u).length > 0;
      if (k === 'role') return u.role === v;
      if (k === 'OR') return v.some((x: any) => mu(u, x));
      if (k === 'invitee') return u.invitedBy !== null && byId.get(u.invitedBy).role === v.role;
      throw new Error(k);
    });
  };
  const expected = sortRows(
    all.users.filter((u: any) => mu(u, rootWhere)),
    { _creationTime: 'asc' },
  ).map((u: any) => ({
    ...u,
    posts: win(
      sortRows(
        postsOf(u).filter((p: any) => mp(p, pc.where)),
        pc.orderBy,
      ),
      pc,
    ).map((p: any) => ({
      ...p,
      comments: win(
        sortRows(
          commentsOf(p).filter((c: any) => mc(c, cc.where)),
          cc.orderBy,
        ),
        cc,
      ),
    })),
    groups: win(
      sortRows(
        groupsOf(u).filter((g: any) => mg(g, gc.where)),
        gc.orderBy,
      ),
      gc,
    ),
    invitee: u.invitedBy ? { name: byId.get(u.invitedBy).name } : null,
  }));
  // groups without orderBy: natural order unspecified -> compare as sets when no orderBy
  const norm = (rows: any[]) =>
    rows.map((u: any) => ({
      ...u,
      groups: gc.orderBy
        ? u.groups
        : gc.limit === undefined && !gc.offset
          ? [...u.groups].sort((a: any, b: any) => (a._id < b._id ? -1 : 1))
          : u.groups.length,
    }));
  expect(norm(got as any[]), JSON.stringify(config)).toEqual(norm(expected));
});
