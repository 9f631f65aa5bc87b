// A typical Drizzle SaaS/blog app ported to convex-orm (review fixture).
import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  primaryKey,
  text,
  textEnum,
  timestamp,
  unique,
} from '../../../src/index';

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    email: text().notNull().unique(),
    role: textEnum(['admin', 'member']).notNull().default('member'),
    age: integer(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_name').on(t.name), index('by_deleted').on(t.deletedAt)],
);
export const orgs = convexTable('orgs', { name: text().notNull(), slug: text().notNull().unique() });
export const memberships = convexTable(
  'memberships',
  {
    userId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    orgId: id('orgs')
      .notNull()
      .references(() => orgs._id, { onDelete: 'cascade' }),
    role: textEnum(['owner', 'admin', 'member']).notNull().default('member'),
  },
  // Drizzle's junction key, as ported: a unique constraint over the two ids.
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('by_org').on(t.orgId)],
);
export const posts = convexTable(
  'posts',
  {
    orgId: id('orgs')
      .notNull()
      .references(() => orgs._id, { onDelete: 'cascade' }),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    body: text().notNull().default(''),
    status: textEnum(['draft', 'published']).notNull().default('draft'),
    views: integer().notNull().default(0),
    publishedAt: timestamp(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_org_published').on(t.orgId, t.publishedAt),
    index('by_author').on(t.authorId),
    index('by_status').on(t.status),
  ],
);
export const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    approved: boolean().notNull().default(false),
  },
  (t) => [index('by_post').on(t.postId)],
);
export const tags = convexTable('tags', { name: text().notNull().unique() });
export const postTags = convexTable(
  'postTags',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    tagId: id('tags')
      .notNull()
      .references(() => tags._id, { onDelete: 'cascade' }),
  },
  (t) => [unique('post_tag').on(t.postId, t.tagId), index('by_tag').on(t.tagId)],
);
export const settings = convexTable('settings', {
  userId: id('users')
    .notNull()
    .unique()
    .references(() => users._id, { onDelete: 'cascade' }),
  theme: textEnum(['light', 'dark']).notNull().default('light'),
  emails: boolean().notNull().default(true),
  updatedAt: timestamp().$onUpdateFn(() => 1_700_000_000_000),
});
export const accounts = convexTable('accounts', {
  ownerId: id('users')
    .notNull()
    .references(() => users._id),
  balance: integer().notNull(),
});

export const tables = { users, orgs, memberships, posts, comments, tags, postTags, settings, accounts };
export const schema = defineSchema(tables);

export const relations = defineRelations(tables, (r) => ({
  users: {
    memberships: r.many.memberships(),
    orgs: r.many.orgs({ from: r.users._id.through(r.memberships.userId), to: r.orgs._id.through(r.memberships.orgId) }),
    posts: r.many.posts(),
    comments: r.many.comments(),
    settings: r.one.settings({ from: r.users._id, to: r.settings.userId }),
  },
  orgs: {
    memberships: r.many.memberships(),
    members: r.many.users(),
    posts: r.many.posts(),
  },
  memberships: {
    user: r.one.users({ from: r.memberships.userId, to: r.users._id, optional: false }),
    org: r.one.orgs({ from: r.memberships.orgId, to: r.orgs._id, optional: false }),
  },
  posts: {
    org: r.one.orgs({ from: r.posts.orgId, to: r.orgs._id, optional: false }),
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }),
    comments: r.many.comments(),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
  },
  comments: {
    post: r.one.posts({ from: r.comments.postId, to: r.posts._id }),
    author: r.one.users({ from: r.comments.authorId, to: r.users._id }),
  },
  tags: { posts: r.many.posts() },
  postTags: {},
  settings: {},
  accounts: { owner: r.one.users({ from: r.accounts.ownerId, to: r.users._id }) },
}));

export const orm = createOrm({ relations });

export type Ids = Awaited<ReturnType<typeof seed>>;

/** Seeds through the ORM itself (as a Drizzle seed script would). */
export async function seed(ctx: any) {
  const db = orm.db(ctx);
  const [ada, bob, cy, dee] = await db
    .insert(users)
    .values([
      { name: 'Ada', email: 'ada@x.io', role: 'admin', age: 36 },
      { name: 'Bob', email: 'bob@x.io', age: 25 },
      { name: 'Cy', email: 'cy@x.io' },
      { name: 'Dee', email: 'dee@x.io', age: 41 },
    ])
    .returning();
  const [acme, globex] = await db
    .insert(orgs)
    .values([
      { name: 'Acme', slug: 'acme' },
      { name: 'Globex', slug: 'globex' },
    ])
    .returning();
  await db.insert(memberships).values([
    { userId: ada!._id, orgId: acme!._id, role: 'owner' },
    { userId: bob!._id, orgId: acme!._id },
    { userId: bob!._id, orgId: globex!._id, role: 'admin' },
    { userId: cy!._id, orgId: globex!._id },
  ]);
  const p = await db
    .insert(posts)
    .values([
      { orgId: acme!._id, authorId: ada!._id, title: 'Hello Acme', status: 'published', views: 10, publishedAt: 1000 },
      { orgId: acme!._id, authorId: ada!._id, title: 'Second', status: 'published', views: 5, publishedAt: 2000 },
      { orgId: acme!._id, authorId: bob!._id, title: 'Bob draft', views: 0 },
      {
        orgId: acme!._id,
        authorId: bob!._id,
        title: 'bob on drizzle',
        status: 'published',
        views: 7,
        publishedAt: 3000,
      },
      { orgId: globex!._id, authorId: cy!._id, title: 'Globex news', status: 'published', views: 3, publishedAt: 1500 },
    ])
    .returning();
  const [tTs, tDb] = await db
    .insert(tags)
    .values([{ name: 'ts' }, { name: 'db' }])
    .returning();
  await db.insert(postTags).values([
    { postId: p[0]!._id, tagId: tTs!._id },
    { postId: p[0]!._id, tagId: tDb!._id },
    { postId: p[3]!._id, tagId: tDb!._id },
  ]);
  await db.insert(comments).values([
    { postId: p[0]!._id, authorId: bob!._id, body: 'nice', approved: true },
    { postId: p[0]!._id, authorId: cy!._id, body: 'meh' },
    { postId: p[3]!._id, authorId: ada!._id, body: 'great', approved: true },
  ]);
  const [a1, a2] = await db
    .insert(accounts)
    .values([
      { ownerId: ada!._id, balance: 100 },
      { ownerId: bob!._id, balance: 20 },
    ])
    .returning();
  return {
    ada: ada!,
    bob: bob!,
    cy: cy!,
    dee: dee!,
    acme: acme!,
    globex: globex!,
    posts: p,
    tTs: tTs!,
    tDb: tDb!,
    a1: a1!,
    a2: a2!,
  };
}

export async function backend() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const ids = await t.run(async (ctx) => seed(ctx));
  return { t, ids };
}
