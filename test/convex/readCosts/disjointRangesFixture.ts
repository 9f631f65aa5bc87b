import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, integer, text } from '../../../src/index';

export const users = convexTable('users', { name: text().notNull(), team: text(), age: integer() }, (t) => [
  index('by_team').on(t.team),
  index('by_age').on(t.age),
]);
export const posts = convexTable(
  'posts',
  { authorId: id('users').notNull(), status: text().notNull(), rank: integer().notNull(), title: text() },
  (t) => [
    index('by_author_rank').on(t.authorId, t.rank),
    index('by_author_status').on(t.authorId, t.status),
    index('by_status').on(t.status),
  ],
);
export const profiles = convexTable('profiles', { userId: id('users').notNull(), bio: text() }, (t) => [
  index('by_user').on(t.userId),
]);
export const groups = convexTable('groups', { name: text().notNull() });
export const members = convexTable(
  'members',
  { userId: id('users').notNull(), groupId: id('groups').notNull() },
  (t) => [index('by_user').on(t.userId), index('by_group').on(t.groupId)],
);
export const tables = { users, posts, profiles, groups, members };
export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }),
    profile: r.one.profiles({ from: r.users._id, to: r.profiles.userId }),
    groups: r.many.groups({ from: r.users._id.through(r.members.userId), to: r.groups._id.through(r.members.groupId) }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
export const orm = createOrm({ relations });
export const schema = defineSchema(tables);
export const backend = () => convexTest({ schema, modules, transactionLimits: true });
