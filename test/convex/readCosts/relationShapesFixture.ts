import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
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
} from '../../../src/index';

// Users (self-relation: a nullable manager), posts (soft-deleting), tags through a junction (duplicate links allowed).
export const users = convexTable(
  'users',
  { name: text().notNull(), managerId: id('users'), deletedAt: integer() },
  (t) => [index('by_manager').on(t.managerId), deletion('soft', { column: t.deletedAt })],
);
export const posts = convexTable(
  'posts',
  { title: text().notNull(), authorId: id('users').notNull(), status: text(), views: integer(), deletedAt: integer() },
  (t) => [index('by_author').on(t.authorId), deletion('soft', { column: t.deletedAt })],
);
export const tags = convexTable('tags', { name: text().notNull() });
export const postTags = convexTable('postTags', { postId: id('posts').notNull(), tagId: id('tags').notNull() }, (t) => [
  index('by_post').on(t.postId),
  index('by_tag').on(t.tagId),
]);
export const tables = { users, posts, tags, postTags };
export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    manager: r.one.users({ from: r.users.managerId, to: r.users._id, alias: 'manager' }),
    reports: r.many.users({ alias: 'manager' }),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id }),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
  },
  tags: {},
  postTags: {},
}));
export const orm = createOrm({ relations });
// A rule on the target: secret posts are hidden from every path.
export const ruled = createOrm({
  relations,
  cursorSecret: 'x'.repeat(40),
  rules: defineRules(relations, () => ({
    posts: { read: { OR: [{ status: { ne: 'secret' } }, { status: { isNull: true } }] } },
  })),
});
// A rule on users with a relation filter of its own in an OR (rule nodes beside the query's relation filters).
export const ruledUsers = createOrm({
  relations,
  rules: defineRules(relations, () => ({
    users: {
      read: { OR: [{ posts: { status: 'live' } }, { posts: { views: { gt: 6 } } }, { name: { in: ['u1', 'u3'] } }] },
    },
    posts: { read: { OR: [{ status: { ne: 'secret' } }, { status: { isNull: true } }] } },
  })),
});
export const schema = defineSchema(tables);
export const backend = () => convexTest({ schema, modules, transactionLimits: true });

/**
 * u0..u5: u0 manages u1, u2; u1 manages u3; u4 soft-deleted (managed by u0); u5 no manager.
 * Posts: u0: a(live,views 1), b(draft,2); u1: c(secret,3); u2: d(live,4, soft-deleted), e(draft,5);
 * u3: none; u4: f(live,6); u5: g(null status, 7), h(secret, 8).
 * Tags: t1, t2; a-t1 twice (duplicate link), a-t2, c-t1, e-t2.
 */
export async function seeded() {
  const t = backend();
  await t.run(async (raw: any) => {
    const u0 = await raw.db.insert('users', { name: 'u0', managerId: null });
    const u1 = await raw.db.insert('users', { name: 'u1', managerId: u0 });
    const u2 = await raw.db.insert('users', { name: 'u2', managerId: u0 });
    const u3 = await raw.db.insert('users', { name: 'u3', managerId: u1 });
    const u4 = await raw.db.insert('users', { name: 'u4', managerId: u0, deletedAt: 1 });
    const u5 = await raw.db.insert('users', { name: 'u5', managerId: null });
    const post = (
      title: string,
      authorId: string,
      status: string | null,
      views: number,
      deletedAt: number | null = null,
    ) => raw.db.insert('posts', { title, authorId, status, views, deletedAt });
    const a = await post('a', u0, 'live', 1);
    await post('b', u0, 'draft', 2);
    const c = await post('c', u1, 'secret', 3);
    await post('d', u2, 'live', 4, 1);
    const e = await post('e', u2, 'draft', 5);
    await post('f', u4, 'live', 6);
    await post('g', u5, null, 7);
    await post('h', u5, 'secret', 8);
    void u3;
    const t1 = await raw.db.insert('tags', { name: 't1' });
    const t2 = await raw.db.insert('tags', { name: 't2' });
    for (const [p, tg] of [
      [a, t1],
      [a, t1],
      [a, t2],
      [c, t1],
      [e, t2],
    ]) {
      await raw.db.insert('postTags', { postId: p, tagId: tg });
    }
  });
  return t;
}

export const names = (rows: any[]) => rows.map((row) => row.name ?? row.title).sort();
