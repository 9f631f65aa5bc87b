// The merged OR of relation filters (query and rule level, granting and
// denying, through a junction with hidden and soft-deleted links, relations with a predefined where, self
// relations) equals the same OR kept unmerged (NOT NOT around a branch); a _count taken from a with load
// equals _count alone under rules and withDeleted; root rows held by id never serve a nested one relation
// whose predefined where or rules reject them; a prepared select join and grouped select run under each
// caller's rules (an OR of relation filters in the joined table's rule).
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  convexTable,
  count,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  eq,
  id,
  index,
  integer,
  text,
} from '../../src/index';

const users = convexTable('users', { name: text().notNull(), bossId: id('users'), deletedAt: integer() }, (t) => [
  index('by_boss').on(t.bossId),
  deletion('soft', { column: t.deletedAt }),
]);
const posts = convexTable(
  'posts',
  { title: text().notNull(), authorId: id('users').notNull(), status: text(), deletedAt: integer() },
  (t) => [index('by_author').on(t.authorId), deletion('soft', { column: t.deletedAt })],
);
const tags = convexTable('tags', { name: text().notNull(), secret: integer() });
const postTags = convexTable(
  'postTags',
  { postId: id('posts').notNull(), tagId: id('tags').notNull(), hidden: integer(), deletedAt: integer() },
  (t) => [index('by_post').on(t.postId), index('by_tag').on(t.tagId), deletion('soft', { column: t.deletedAt })],
);
const tables = { users, posts, tags, postTags };
const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    livePosts: r.many.posts({ from: r.users._id, to: r.posts.authorId, where: { status: 'live' }, alias: 'live' }),
    boss: r.one.users({ from: r.users.bossId, to: r.users._id, alias: 'boss', where: { name: { ne: 'u0' } } }),
    reports: r.many.users({ alias: 'boss' }),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
    liveAuthor: r.one.users({ from: r.posts.authorId, to: r.users._id, alias: 'live' }),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
  },
  tags: {},
  postTags: {},
}));
const schema = defineSchema(tables);
const plain = createOrm({ relations });
const ruled = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    users: { read: { name: { ne: 'u2' } } },
    posts: { read: { OR: [{ status: { ne: 'secret' } }, { status: { isNull: true } }] } },
    tags: { read: { secret: { isNull: true } } },
    postTags: { read: { hidden: { isNull: true } } },
  })),
});

async function seeded() {
  const t = convexTest({ schema, modules, transactionLimits: true } as any);
  await t.run(async (raw: any) => {
    const u0 = await raw.db.insert('users', { name: 'u0', bossId: null });
    const u1 = await raw.db.insert('users', { name: 'u1', bossId: u0 });
    const u2 = await raw.db.insert('users', { name: 'u2', bossId: u1 });
    const u3 = await raw.db.insert('users', { name: 'u3', bossId: u2, deletedAt: 1 });
    const u4 = await raw.db.insert('users', { name: 'u4', bossId: u1 });
    const p = (title: string, authorId: any, status: any, deletedAt: any = null) =>
      raw.db.insert('posts', { title, authorId, status, deletedAt });
    const a = await p('a', u0, 'live');
    const b = await p('b', u1, 'secret');
    const c = await p('c', u2, 'live');
    const d = await p('d', u3, 'live');
    const e = await p('e', u4, 'draft', 5);
    const f = await p('f', u1, 'live');
    const t1 = await raw.db.insert('tags', { name: 't1', secret: null });
    const t2 = await raw.db.insert('tags', { name: 't2', secret: 1 });
    const t3 = await raw.db.insert('tags', { name: 't3', secret: null });
    const link = (postId: any, tagId: any, hidden: any = null, deletedAt: any = null) =>
      raw.db.insert('postTags', { postId, tagId, hidden, deletedAt });
    await link(a, t1);
    await link(a, t1, 1);
    await link(a, t3, null, 1);
    await link(b, t1);
    await link(c, t3);
    await link(d, t1);
    await link(e, t1);
    await link(f, t2);
    await link(f, t3, 1);
  });
  return t;
}
const names = (rows: any[]) => rows.map((r) => r.name ?? r.title).sort();

describe('probe', () => {
  it('merged OR vs unmerged', async () => {
    const t = await seeded();
    const cases: [string, any, any, any?][] = [
      ['posts', { tags: { name: 't1' } }, { tags: { name: 't3' } }],
      ['posts', { tags: { name: 't1' } }, { tags: { name: 't3' } }, { withDeleted: true }],
      ['posts', { tags: true }, { tags: { name: 't2' } }],
      ['posts', { author: { name: 'u2' } }, { author: { name: 'u3' } }, { withDeleted: true }],
      ['posts', { author: { name: 'u2' } }, { liveAuthor: { name: 'u1' } }],
      ['users', { livePosts: { title: 'a' } }, { livePosts: { title: 'f' } }],
      ['users', { livePosts: true }, { posts: { title: 'b' } }],
      ['users', { boss: { name: 'u0' } }, { boss: { name: 'u1' } }],
      ['users', { boss: true }, { boss: { name: 'u0' } }],
      ['users', { reports: { name: 'u3' } }, { reports: { name: 'u2' } }, { withDeleted: true }],
      ['users', { posts: { tags: { name: 't1' } } }, { posts: { tags: { name: 't3' } } }, { withDeleted: true }],
    ];
    for (const orm of [plain, ruled]) {
      await t.run(async (ctx: any) => {
        const db = orm.db(ctx);
        for (const [table, a, b, opts = {}] of cases) {
          const merged = names(await (db.query as any)[table].findMany({ ...opts, where: { OR: [a, b] } }));
          const unmerged = names(
            await (db.query as any)[table].findMany({ ...opts, where: { OR: [{ NOT: { NOT: a } }, b] } }),
          );
          const notMerged = names(await (db.query as any)[table].findMany({ ...opts, where: { NOT: { OR: [a, b] } } }));
          const notUnmerged = names(
            await (db.query as any)[table].findMany({ ...opts, where: { NOT: { OR: [{ NOT: { NOT: a } }, b] } } }),
          );
          expect({ table, a, b, merged, notMerged }).toEqual({ table, a, b, merged: unmerged, notMerged: notUnmerged });
        }
      });
    }
  });
  it('count from load vs alone', async () => {
    const t = await seeded();
    const cases: [string, string, any, any?][] = [
      ['posts', 'tags', true],
      ['posts', 'tags', { where: { name: 't1' } }],
      ['posts', 'tags', true, { withDeleted: true }],
      ['users', 'posts', true],
      ['users', 'livePosts', true],
      ['users', 'reports', true],
      ['users', 'reports', true, { withDeleted: true }],
      ['users', 'posts', { where: { tags: { name: 't1' } } }, { withDeleted: true }],
    ];
    for (const orm of [plain, ruled]) {
      await t.run(async (ctx: any) => {
        const db = orm.db(ctx);
        for (const [table, rel, cfg, opts = {}] of cases) {
          const withCfg = cfg === true ? true : { where: cfg.where };
          const both = await (db.query as any)[table].findMany({
            ...opts,
            with: { [rel]: withCfg },
            _count: { [rel]: cfg },
          });
          const alone = await (db.query as any)[table].findMany({
            ...opts,
            columns: { _id: true },
            _count: { [rel]: cfg },
          });
          expect(both.map((r: any) => [r._count[rel], r[rel].length])).toEqual(
            alone.map((r: any) => [r._count[rel], r._count[rel]]),
          );
        }
      });
    }
  });
  it('root held by id', async () => {
    const t = await seeded();
    for (const orm of [plain, ruled]) {
      await t.run(async (ctx: any) => {
        const db = orm.db(ctx);
        for (const opts of [{}, { withDeleted: true }]) {
          const held = await db.query.users.findMany({
            ...opts,
            orderBy: { name: 'asc' },
            with: { posts: { with: { author: true, liveAuthor: true } }, reports: { with: { boss: true } } },
          } as any);
          const fresh = await db.query.posts.findMany({ ...opts, with: { author: true, liveAuthor: true } } as any);
          const bosses = await db.query.users.findMany({ ...opts, with: { boss: true } } as any);
          const byTitle = new Map(
            fresh.map((p: any) => [p.title, [p.author?.name ?? null, p.liveAuthor?.name ?? null]]),
          );
          const byName = new Map(bosses.map((u: any) => [u.name, u.boss?.name ?? null]));
          for (const u of held as any[]) {
            for (const p of u.posts)
              expect([p.title, p.author?.name ?? null, p.liveAuthor?.name ?? null]).toEqual([
                p.title,
                ...byTitle.get(p.title)!,
              ]);
            for (const r of u.reports) expect([r.name, r.boss?.name ?? null]).toEqual([r.name, byName.get(r.name)]);
          }
        }
      });
    }
  });
});

describe('rule-level merge', () => {
  const mk = (postsRead: any) =>
    createOrm({
      relations,
      rules: defineRules(relations, () => ({
        users: { read: { name: { ne: 'u2' } } },
        posts: { read: postsRead },
        tags: { read: { secret: { isNull: true } } },
        postTags: { read: { hidden: { isNull: true } } },
      })),
    });
  const pairs: [any, any][] = [
    [{ tags: { name: 't1' } }, { tags: { name: 't3' } }],
    [{ tags: true }, { tags: { name: 't2' } }],
    [{ author: { name: 'u2' } }, { author: { name: 'u3' } }],
    [{ author: { boss: { name: 'u1' } } }, { author: { name: 'u0' } }],
    [{ liveAuthor: { name: 'u1' } }, { author: { name: 'u0' } }],
  ];
  it('rule OR merged equals unmerged, granting and denying', async () => {
    const t = await seeded();
    for (const [a, b] of pairs) {
      for (const wrap of [(x: any) => x, (x: any) => ({ NOT: x })]) {
        const m = mk(wrap({ OR: [a, b] }));
        const u = mk(wrap({ OR: [{ NOT: { NOT: a } }, b] }));
        await t.run(async (ctx: any) => {
          for (const opts of [{}, { withDeleted: true }]) {
            const got = names(await m.db(ctx).query.posts.findMany(opts as any));
            const want = names(await u.db(ctx).query.posts.findMany(opts as any));
            const gotU = names(await m.db(ctx).query.users.findMany({ ...opts, where: { posts: true } } as any));
            const wantU = names(await u.db(ctx).query.users.findMany({ ...opts, where: { posts: true } } as any));
            const gotC = (
              await m.db(ctx).query.users.findMany({ ...opts, _count: { posts: true }, with: { posts: true } } as any)
            ).map((r: any) => [r.name, r._count.posts, r.posts.length]);
            const wantC = (await u.db(ctx).query.users.findMany({ ...opts, _count: { posts: true } } as any)).map(
              (r: any) => [r.name, r._count.posts, r._count.posts],
            );
            expect({ a, b, got, gotU, gotC }).toEqual({ a, b, got: want, gotU: wantU, gotC: wantC });
          }
        });
      }
    }
  });
});
describe('select joins', () => {
  it('joined table rule with merged OR relation filters, groupBy, prepared per identity', async () => {
    const t = await seeded();
    const viewerRules = createOrm({
      relations,
      rules: defineRules(relations, async (ctx: any) => {
        const who = (await ctx.auth.getUserIdentity())?.subject ?? 'nobody';
        return {
          users: { read: { OR: [{ posts: { title: who } }, { posts: { tags: { name: who } } }] } },
          posts: { read: {} },
          tags: { read: {} },
          postTags: { read: {} },
        };
      }),
    });
    const prepared = viewerRules
      .select({ title: posts.title, author: users.name })
      .from(posts)
      .leftJoin(users, eq(posts.authorId, users._id))
      .orderBy(posts.title)
      .prepare('p');
    const grouped = viewerRules
      .select({ author: users.name, n: count() })
      .from(posts)
      .innerJoin(users, eq(posts.authorId, users._id))
      .groupBy(users.name)
      .prepare('g');
    const rows: any = {};
    for (const who of ['a', 't3', 'zzz']) {
      rows[who] = await t.withIdentity({ subject: who }).run(async (ctx: any) => ({
        rel: (await viewerRules.db(ctx).query.posts.findMany({ with: { author: true } }))
          .map((p: any) => [p.title, p.author?.name ?? null])
          .sort(),
        sel: (await prepared.execute(ctx)).map((r: any) => [r.title, r.author]),
        grp: (await grouped.execute(ctx)).map((r: any) => [r.author, r.n]),
      }));
    }
    for (const who of Object.keys(rows)) expect(rows[who].sel).toEqual(rows[who].rel);
  });
});
