import {
  type AnyColumn,
  boolean,
  check,
  convexTable,
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
export const todos = convexTable('todos', {
  title: text().notNull(),
  done: boolean().notNull().default(false),
  priority: textEnum(['low', 'medium', 'high']),
});

export const tables = { users, posts, comments, groups, usersToGroups, todos };

export default defineSchema(tables);
