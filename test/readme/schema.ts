import { v } from 'convex/values';
import { convexTable, createOrm, defineRelations, defineSchema, id, index, text } from 'convex-orm';
import { query } from '../../example/convex/_generated/server';

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

const orm = createOrm({ relations });
export const byAuthor = query({ args: { email: v.string() }, handler: (ctx, { email }) =>
  orm.db(ctx).query.users.findFirst({ where: { email }, with: { posts: { limit: 10 } } }) });
