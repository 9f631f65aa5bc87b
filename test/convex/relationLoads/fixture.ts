import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import {
  type AnyColumn,
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineSchema,
  id,
  index,
  integer,
  text,
} from '../../../src/index';

export const users = convexTable(
  'users',
  {
    name: text().notNull(),
    role: text().notNull(),
    invitedBy: id('users').references((): AnyColumn => users._id),
  },
  (t) => [index('by_name').on(t.name)],
);
export const posts = convexTable(
  'posts',
  {
    authorId: id('users')
      .notNull()
      .references(() => users._id),
    editorId: id('users').references(() => users._id),
    title: text().notNull(),
    rank: integer().notNull(),
    category: text().notNull(),
  },
  (t) => [
    index('by_author_rank').on(t.authorId, t.rank),
    index('by_editor').on(t.editorId),
    index('by_category').on(t.category),
  ],
);
export const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id),
    body: text().notNull(),
    approved: boolean().notNull(),
    score: integer().notNull(),
  },
  (t) => [index('by_post').on(t.postId)],
);
export const groups = convexTable('groups', { name: text().notNull(), open: boolean().notNull() });
export const members = convexTable(
  'members',
  {
    userId: id('users')
      .notNull()
      .references(() => users._id),
    groupId: id('groups')
      .notNull()
      .references(() => groups._id),
    level: integer().notNull(),
  },
  (t) => [index('by_user').on(t.userId), index('by_group').on(t.groupId)],
);
export const profiles = convexTable(
  'profiles',
  {
    userId: id('users')
      .notNull()
      .references(() => users._id),
    bio: text().notNull(),
  },
  (t) => [index('by_user').on(t.userId)],
);

export const tables = { users, posts, comments, groups, members, profiles };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  users: {
    invitee: r.one.users({ from: r.users.invitedBy, to: r.users._id, alias: 'invite' }),
    invited: r.many.users({ alias: 'invite' }),
    posts: r.many.posts({ alias: 'author' }),
    edited: r.many.posts({ alias: 'editor' }),
    groups: r.many.groups({
      from: r.users._id.through(r.members.userId),
      to: r.groups._id.through(r.members.groupId),
    }),
    memberships: r.many.members(),
    profile: r.one.profiles(),
  },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, alias: 'author' }),
    editor: r.one.users({ from: r.posts.editorId, to: r.users._id, alias: 'editor' }),
    comments: r.many.comments(),
    authorProfile: r.one.profiles({ from: r.posts.authorId, to: r.profiles.userId }),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
  groups: { members: r.many.users() },
  members: {
    user: r.one.users({ from: r.members.userId, to: r.users._id }),
    group: r.one.groups({ from: r.members.groupId, to: r.groups._id }),
  },
  profiles: { user: r.one.users({ from: r.profiles.userId, to: r.users._id }) },
}));

export const orm = createOrm({ relations });
export const backend = () => convexTest({ schema, modules, transactionLimits: true } as any);
