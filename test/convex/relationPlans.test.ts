import { createOrm, defineRelations } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, id, index, integer, text } from '../../src/index';

// Relation loads whose nested order the foreign-key index does not serve: an index on `uid` exists,
// none on `(postId, uid)`. Reading `by_uid` once per post grows with the comments table; reading each
// post's comments by `by_post` and sorting them is bounded by that post's comments (DESIGN.md section 14).
const posts = convexTable('posts', { title: text().notNull() });
const comments = convexTable('comments', { postId: id('posts').notNull(), uid: integer().notNull() }, (t) => [
  index('by_post').on(t.postId),
  index('by_uid').on(t.uid),
]);
const tags = convexTable('tags', { name: text().notNull(), uid: integer().notNull() }, (t) => [
  index('by_name').on(t.name),
  index('by_uid').on(t.uid),
]);
const postTags = convexTable('postTags', { postId: id('posts').notNull(), tag: text().notNull() }, (t) => [
  index('by_post').on(t.postId),
]);
const tables = { posts, comments, tags, postTags };
const schema = defineSchema(tables);
const relations = defineRelations(tables, (r) => ({
  posts: {
    comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags.name.through(r.postTags.tag) }),
  },
}));
const orm = createOrm({ relations, scanBudget: 1000 });

const POSTS = 10;
const PER_POST = 60;

/** 10 posts with 60 comments each (uids 1000·post + i), 600 tags (two per name) linked 3 per post. */
async function seeded() {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    for (let post = 0; post < POSTS; post++) {
      const postId = await ctx.db.insert('posts', { title: `p${post}` });
      for (let i = 0; i < PER_POST; i++) await ctx.db.insert('comments', { postId, uid: 1000 * post + i });
      for (let i = 0; i < 3; i++) await ctx.db.insert('postTags', { postId, tag: `t${post}-${i}` });
    }
    for (let post = 0; post < POSTS; post++) {
      for (let i = 0; i < 3; i++) {
        for (const uid of [post * 100 + i, post * 100 + 50 + i])
          await ctx.db.insert('tags', { name: `t${post}-${i}`, uid });
      }
      for (let i = 0; i < 54; i++)
        await ctx.db.insert('tags', { name: `other${post}-${i}`, uid: 10_000 + post * 100 + i });
    }
  });
  return t;
}

describe('relation loads whose nested order the foreign-key index does not serve', () => {
  const nested = {
    with: { comments: { where: { uid: { gt: 3003 } }, orderBy: { uid: 'asc' }, limit: 2 } },
  } as const;

  it('read each parent by the foreign-key index and sort in memory: 10 posts + 7 × 60 comments', async () => {
    const t = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({ ...nested, orderBy: { title: 'asc' } });
      return { result, reads: { ...reads } };
    });
    expect(result.map((post) => post.comments.map((comment) => comment.uid))).toEqual([
      [],
      [],
      [],
      [3004, 3005],
      [4000, 4001],
      [5000, 5001],
      [6000, 6001],
      [7000, 7001],
      [8000, 8001],
      [9000, 9001],
    ]);
    // Posts 0-2 have no comment past 3003 but their key ranges are read too: 10 posts, 600 comments.
    expect(reads).toEqual({ documents: POSTS + POSTS * PER_POST, ranges: 1 + POSTS });
  });

  it('explain() shows the foreign-key index and the in-memory sort', async () => {
    const t = await seeded();
    const explained = await t.run(async (ctx) => orm.db(ctx).query.posts.findMany(nested).explain());
    expect(explained.with?.comments).toMatchObject({
      index: 'by_post',
      ranges: ['postId = "?"'],
      residual: 'uid > 3003',
      load: expect.stringMatching(/^per distinct parent key, every match/),
      order: 'memory',
    });
  });

  it('through a junction table: target rows by their key index, not by the order index', async () => {
    const t = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({
        where: { title: 'p4' },
        with: { tags: { where: { uid: { lt: 5000 } }, orderBy: { uid: 'desc' }, limit: 3 } },
      });
      return { result, reads: { ...reads } };
    });
    expect(result.map((post) => post.tags.map((tag) => tag.uid))).toEqual([[452, 451, 450]]);
    // 10 posts scanned for the title, 3 junction rows by `by_post`, 2 tags per name by `by_name`.
    expect(reads).toEqual({ documents: POSTS + 3 + 6, ranges: 1 + 1 + 3 });
  });
});
