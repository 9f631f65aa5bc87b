import { convexTable, defineRelations, defineSchema, id, index, text } from 'convex-orm';

export const users = convexTable('users', { name: text().notNull(), email: text().notNull().unique() });
export const posts = convexTable('posts', {
  title: text().notNull(),
  authorId: id('users').notNull().references(() => users._id, { onDelete: 'cascade' }),
}, (t) => [index('by_author').on(t.authorId)]);

export default defineSchema({ users, posts });
export const relations = defineRelations({ users, posts }, (r) => ({
  users: { posts: r.many.posts() },
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id }) },
}));
