import {
  convexTable,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  text,
  textEnum,
  uniqueIndex,
} from 'convex-orm';

// The bench schema, declared with convex-orm. The floor runs on the same
// Convex schema; better-convex and convex-ents declare the same tables,
// fields and indexes in their own syntax (bench/contenders/*/schema.ts).

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    email: text().notNull(),
    role: textEnum(['admin', 'member']).notNull(),
    age: integer().notNull(),
  },
  (t) => [uniqueIndex('by_email').on(t.email)],
);

export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    status: textEnum(['draft', 'published']).notNull(),
    publishedAt: integer().notNull(),
    views: integer().notNull(),
  },
  (t) => [
    index('by_author').on(t.authorId, t.publishedAt),
    index('by_author_title').on(t.authorId, t.title),
    index('by_status').on(t.status, t.publishedAt),
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
  },
  (t) => [index('by_post').on(t.postId), index('by_author').on(t.authorId)],
);

export const groups = convexTable('groups', { name: text().notNull() });

export const usersToGroups = convexTable(
  'usersToGroups',
  {
    userId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    groupId: id('groups')
      .notNull()
      .references(() => groups._id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('by_user').on(t.userId, t.groupId), index('by_group').on(t.groupId)],
);

/** Workload 10's table: documents a backfill fills `score` in. */
export const events = convexTable('events', {
  kind: text().notNull(),
  score: integer(),
});

export const tables = { users, posts, comments, groups, usersToGroups, events };

export default defineSchema(tables);

export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    comments: r.many.comments(),
    groups: r.many.groups({
      from: r.users._id.through(r.usersToGroups.userId),
      to: r.groups._id.through(r.usersToGroups.groupId),
    }),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }),
    comments: r.many.comments(),
  },
  comments: {
    post: r.one.posts({ from: r.comments.postId, to: r.posts._id, optional: false }),
    author: r.one.users({ from: r.comments.authorId, to: r.users._id, optional: false }),
  },
  groups: { members: r.many.users() },
  usersToGroups: {},
  events: {},
}));
