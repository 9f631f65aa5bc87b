import {
  type AnyColumn,
  boolean,
  check,
  convexTable,
  defineRelations,
  defineSchema,
  deletion,
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

/** Soft delete (docs/mutations.md): deleting a project sets `deletedAt`; reads skip it. */
export const projects = convexTable(
  'projects',
  {
    name: text().notNull(),
    taskCount: integer().notNull().default(0),
    deletedAt: timestamp(),
  },
  (t) => [index('by_deleted').on(t.deletedAt), deletion('soft', { column: t.deletedAt })],
);

/** Scheduled delete: a deleted task is soft-deleted now and removed (with its notes) a minute later. */
export const tasks = convexTable(
  'tasks',
  {
    projectId: id('projects')
      .notNull()
      .references(() => projects._id, { onDelete: 'cascade' }),
    title: text().notNull(),
    deletedAt: timestamp(),
  },
  (t) => [
    index('by_project').on(t.projectId, t.deletedAt),
    deletion('scheduled', { column: t.deletedAt, delayMs: 60_000 }),
  ],
);

export const taskNotes = convexTable('taskNotes', {
  taskId: id('tasks')
    .notNull()
    .references(() => tasks._id, { onDelete: 'cascade' }),
  body: text().notNull(),
});

export const tables = { users, posts, comments, groups, usersToGroups, todos, projects, tasks, taskNotes };

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
  projects: {
    tasks: r.many.tasks(),
  },
  tasks: {
    project: r.one.projects({ from: r.tasks.projectId, to: r.projects._id }),
    notes: r.many.taskNotes(),
  },
  taskNotes: {
    task: r.one.tasks({ from: r.taskNotes.taskId, to: r.tasks._id }),
  },
}));
