import { convexTest } from 'convex-test';
import { modules } from '../../../example/convex/test.setup';
import { boolean, convexTable, defineRelations, defineRules, defineSchema, id, index, text } from '../../../src/index';

// Users and their posts, with an index on each of the posts' author, slug and flagged (an OR across
// slug and flagged can be read as a union), and a read rule on posts: visible ones only.
const users = convexTable('users', { name: text().notNull() });
const posts = convexTable(
  'posts',
  {
    authorId: id('users').notNull(),
    slug: text().notNull(),
    flagged: boolean().notNull(),
    visible: boolean().notNull(),
  },
  (t) => [index('by_author').on(t.authorId), index('by_slug').on(t.slug), index('by_flagged').on(t.flagged)],
);
const tables = { users, posts };
export const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
const schema = defineSchema(tables);
export const rules = defineRules(relations, () => ({ posts: { read: { visible: true } } }));

export const backend = () => convexTest({ schema, modules, transactionLimits: true });
