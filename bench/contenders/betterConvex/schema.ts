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
} from 'better-convex/orm';

// The bench schema in better-convex@0.11 syntax: the same tables, fields and
// indexes as bench/convex/schema.ts. Its system columns are `id`/`createdAt`.

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    email: text().notNull(),
    role: textEnum(['admin', 'member'] as const).notNull(),
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
      .references(() => users.id, { onDelete: 'cascade' }),
    status: textEnum(['draft', 'published'] as const).notNull(),
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
      .references(() => posts.id, { onDelete: 'cascade' }),
    authorId: id('users')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
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
      .references(() => users.id, { onDelete: 'cascade' }),
    groupId: id('groups')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [index('by_user').on(t.userId, t.groupId), index('by_group').on(t.groupId)],
);

export const tables = { users, posts, comments, groups, usersToGroups };

export default defineSchema(tables);

export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts({ from: r.users.id, to: r.posts.authorId }),
    comments: r.many.comments({ from: r.users.id, to: r.comments.authorId }),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users.id }),
    comments: r.many.comments({ from: r.posts.id, to: r.comments.postId }),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts.id }) },
  groups: {
    members: r.many.users({
      from: r.groups.id.through(r.usersToGroups.groupId),
      to: r.users.id.through(r.usersToGroups.userId),
    }),
  },
  usersToGroups: {},
}));
