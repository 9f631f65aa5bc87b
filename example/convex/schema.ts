import {
  type AnyColumn,
  boolean,
  check,
  convexTable,
  defineRelations,
  defineSchema,
  gte,
  id,
  index,
  integer,
  json,
  text,
  textEnum,
  timestamp,
  unique,
} from 'convex-orm';

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    email: text().notNull().unique(),
    role: textEnum(['admin', 'member']).notNull().default('member'),
    age: integer(),
    verified: boolean().notNull().default(false),
    invitedBy: id('users').references((): AnyColumn => users._id, { onDelete: 'set null' }),
  },
  (t) => [check('age_not_negative', gte(t.age, 0))],
);

export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    publishedAt: timestamp(),
    meta: json<{ tags: string[] }>(),
  },
  (t) => [index('by_author').on(t.authorId, t.publishedAt)],
);

export const comments = convexTable('comments', {
  postId: id('posts')
    .notNull()
    .references(() => posts._id, { onDelete: 'cascade' }),
  authorId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
  body: text().notNull(),
});

export const groups = convexTable('groups', {
  name: text().notNull(),
});

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
  (t) => [unique().on(t.userId, t.groupId), index('by_group').on(t.groupId)],
);

/**
 * The migrations walk-through (docs/migrations.md): `priority` was added as an optional column;
 * the migration `backfill_todo_priority` fills it in so that it can become `.notNull()`.
 */
export const todos = convexTable(
  'todos',
  {
    title: text().notNull(),
    done: boolean().notNull().default(false),
    priority: textEnum(['low', 'medium', 'high']),
  },
  (t) => [index('by_done').on(t.done)],
);

export const tables = { users, posts, comments, groups, usersToGroups, todos };

export default defineSchema(tables);

export const relations = defineRelations(tables, (r) => ({
  users: {
    invitee: r.one.users({ from: r.users.invitedBy, to: r.users._id }),
    invited: r.many.users(),
    posts: r.many.posts(),
    comments: r.many.comments(),
    memberships: r.many.usersToGroups(),
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
  groups: {
    members: r.many.users(),
    memberships: r.many.usersToGroups(),
  },
  usersToGroups: {
    user: r.one.users({ from: r.usersToGroups.userId, to: r.users._id, optional: false }),
    group: r.one.groups({ from: r.usersToGroups.groupId, to: r.groups._id, optional: false }),
  },
}));
