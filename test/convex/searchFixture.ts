import { createOrm, defineRelations } from 'convex-orm';
import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, id, integer, searchIndex, text, vector, vectorIndex } from '../../src/index';

/** Posts with a search index on the title and a vector index on an embedding, for search and vector tests. */
export const users = convexTable('users', { name: text().notNull() });
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    status: text().notNull(),
    authorId: id('users').notNull(),
    words: integer(),
    embedding: vector(2),
  },
  (t) => [
    searchIndex('search_title').on(t.title).filter(t.status, t.authorId),
    vectorIndex('by_embedding').on(t.embedding).filter(t.status),
  ],
);
const tables = { users, posts };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  posts: { author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }) },
}));
export const orm = createOrm({ relations });

/** A backend of `count` published posts titled "intro 0", "intro 1", … (`words` = i) by one author. */
export async function introPosts(count: number) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    const ada = await ctx.db.insert('users', { name: 'Ada' });
    for (let i = 0; i < count; i++) {
      await ctx.db.insert('posts', { title: `intro ${i}`, status: 'published', authorId: ada, words: i });
    }
  });
  return t;
}
