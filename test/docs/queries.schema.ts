/**
 * The app docs/queries.md assumes (its `./schema`): users who invite users, their posts (searchable,
 * with embeddings), comments, and groups through usersToGroups.
 */
import {
  type AnyColumn,
  boolean,
  convexTable,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  searchIndex,
  text,
  textEnum,
  timestamp,
  vector,
  vectorIndex,
} from 'convex-orm';

export const users = convexTable('users', {
  name: text().notNull(),
  email: text().notNull().unique(),
  role: textEnum(['admin', 'member']).notNull().default('member'),
  age: integer(),
  verified: boolean().notNull().default(false),
  invitedBy: id('users').references((): AnyColumn => users._id, { onDelete: 'set null' }),
});
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    status: text().notNull(),
    authorId: id('users')
      .notNull()
      .references(() => users._id, { onDelete: 'cascade' }),
    words: integer(),
    publishedAt: timestamp(),
    embedding: vector(3),
  },
  (t) => [
    index('by_author').on(t.authorId, t.publishedAt),
    searchIndex('search_title').on(t.title).filter(t.status, t.authorId),
    vectorIndex('by_embedding').on(t.embedding).dimensions(3),
  ],
);
export const comments = convexTable('comments', {
  postId: id('posts')
    .notNull()
    .references(() => posts._id, { onDelete: 'cascade' }),
  authorId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
  body: text().notNull(),
  approved: boolean().notNull().default(false),
});
export const groups = convexTable('groups', { name: text().notNull() });
export const usersToGroups = convexTable('usersToGroups', {
  userId: id('users')
    .notNull()
    .references(() => users._id, { onDelete: 'cascade' }),
  groupId: id('groups')
    .notNull()
    .references(() => groups._id, { onDelete: 'cascade' }),
});

export const tables = { users, posts, comments, groups, usersToGroups };
export default defineSchema(tables);

/** The guide's relations (queries.ts), and comments. */
export const relations = defineRelations(tables, (r) => ({
  users: {
    invitee: r.one.users({ from: r.users.invitedBy, to: r.users._id }),
    invited: r.many.users(),
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
    post: r.one.posts({ from: r.comments.postId, to: r.posts._id }),
    author: r.one.users({ from: r.comments.authorId, to: r.users._id }),
  },
  groups: { members: r.many.users() },
}));
