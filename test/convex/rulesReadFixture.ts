import { convexTest } from 'convex-test';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  id,
  index,
  integer,
  text,
} from '../../src/index';

export const users = convexTable('users', { name: text().notNull() });
export const posts = convexTable(
  'posts',
  {
    title: text().notNull(),
    authorId: id('users').notNull(),
    secret: boolean().notNull(),
    score: integer().notNull(),
  },
  (t) => [index('by_author').on(t.authorId), index('by_score').on(t.score)],
);
export const tags = convexTable('tags', { name: text().notNull() });
export const postTags = convexTable(
  'postTags',
  { postId: id('posts').notNull(), tagId: id('tags').notNull(), hidden: boolean().notNull() },
  (t) => [index('by_post').on(t.postId), index('by_tag').on(t.tagId)],
);
const tables = { users, posts, tags, postTags };
export const schema = defineSchema(tables);
export const relations = defineRelations(tables, (r) => ({
  users: { posts: r.many.posts({ from: r.users._id, to: r.posts.authorId }) },
  posts: {
    author: r.one.users({ from: r.posts.authorId, to: r.users._id, optional: false }),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
    links: r.many.postTags({ from: r.posts._id, to: r.postTags.postId }),
  },
  tags: {
    posts: r.many.posts({ from: r.tags._id.through(r.postTags.tagId), to: r.posts._id.through(r.postTags.postId) }),
  },
  postTags: {
    post: r.one.posts({ from: r.postTags.postId, to: r.posts._id }),
    tag: r.one.tags({ from: r.postTags.tagId, to: r.tags._id }),
  },
}));
export const SECRET = 'a test cursor secret of 40 characters...';

export function ormOf(rulesFor: (ids: any) => any, ids: any) {
  return createOrm({ relations, rules: defineRules(relations, () => rulesFor(ids)), cursorSecret: SECRET });
}

/** Mal and Vic; Vic has a secret post (score 99) and a public one (score 5); Mal has one (score 10). */
export async function world() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const mal = await ctx.db.insert('users', { name: 'Mal' });
    const vic = await ctx.db.insert('users', { name: 'Vic' });
    const vicSecret = await ctx.db.insert('posts', { title: 'vic secret', authorId: vic, secret: true, score: 99 });
    const vicPublic = await ctx.db.insert('posts', { title: 'vic public', authorId: vic, secret: false, score: 5 });
    const malPost = await ctx.db.insert('posts', { title: 'mal post', authorId: mal, secret: false, score: 10 });
    const tagA = await ctx.db.insert('tags', { name: 'a' });
    await ctx.db.insert('postTags', { postId: vicSecret, tagId: tagA, hidden: false });
    await ctx.db.insert('postTags', { postId: vicPublic, tagId: tagA, hidden: true });
    await ctx.db.insert('postTags', { postId: malPost, tagId: tagA, hidden: false });
    return { mal, vic, vicSecret, vicPublic, malPost, tagA };
  });
  return { t, ids };
}
