import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from '../../../src/index';

// Users with a manager (`manager` / `reports`, a self relation) and their posts (a nullable status):
// the fixture of the tests of relation reads shared within a query across levels.
export const users = convexTable('users', { name: text().notNull(), managerId: id('users') }, (t) => [
  index('by_manager').on(t.managerId),
  index('by_name').on(t.name),
]);
export const posts = convexTable(
  'posts',
  { title: text().notNull(), authorId: id('users').notNull(), status: text() },
  (t) => [index('by_author').on(t.authorId)],
);
export const tables = { users, posts };
export const relations = defineRelations(tables, (r) => ({
  users: {
    posts: r.many.posts(),
    manager: r.one.users({ from: r.users.managerId, to: r.users._id, alias: 'm' }),
    reports: r.many.users({ alias: 'm' }),
  },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
export const orm = createOrm({ relations });
export const schema = defineSchema(tables);
export const backend = () => convexTest(schema, modules);
