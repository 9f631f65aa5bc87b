import { createOrm, defineRelations, defineRules, eq, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { convexTable, defineSchema, id, index, integer, text } from '../../src/index';

// Keyed reads (relation loads, relation filters, `_count`, junction and through-target reads, select
// joins: one read per parent or row, its key bound) read an index whose equality prefix pins the key
// when the table has one (DESIGN.md section 6: "other one/many use the index on the target columns"),
// never another index per parent with the key residual, which reads the matching rows of every parent
// each time (section 14: "never walk an unrelated order index per parent").

describe('a nested equality on another index that also serves the nested order', () => {
  // by_status_uid serves the nested where (status) and the nested order (uid): picked per post with
  // `postId = ?` residual, each post read the 'ok' comments of all posts until one of its own.
  const posts = convexTable('posts', { title: text().notNull() });
  const comments = convexTable(
    'comments',
    { postId: id('posts').notNull(), status: text().notNull(), uid: integer().notNull() },
    (t) => [index('by_post').on(t.postId), index('by_status_uid').on(t.status, t.uid)],
  );
  const tables = { posts, comments };
  const schema = defineSchema(tables);
  const relations = defineRelations(tables, (r) => ({
    posts: { comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }) },
  }));
  const orm = createOrm({ relations });
  const POSTS = 10;
  const PER_POST = 20;

  async function seeded() {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let post = 0; post < POSTS; post++) {
        const postId = await ctx.db.insert('posts', { title: `p${post}` });
        for (let i = 0; i < PER_POST; i++)
          await ctx.db.insert('comments', { postId, status: 'ok', uid: 1000 * post + i });
      }
      // A post without comments: a walk of the status index reads every 'ok' comment for it.
      await ctx.db.insert('posts', { title: 'empty' });
    });
    return t;
  }
  const latest = [...Array.from({ length: POSTS }, (_, post) => [1000 * post + PER_POST - 1]), []];

  it("reads each post's own comments by the foreign-key index and sorts them (211 reads, was 1,121)", async () => {
    const t = await seeded();
    const config = { with: { comments: { where: { status: 'ok' }, orderBy: { uid: 'desc' }, limit: 1 } } } as const;
    const { result, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany(config);
      const explained = orm.db(raw).query.posts.findMany(config).explain();
      return { result, reads: { ...reads }, explained };
    });
    expect(result.map((post) => post.comments.map((c) => c.uid))).toEqual(latest);
    // 11 posts in one range, then each post's own comments: 11 ranges, 200 comments.
    expect(reads).toEqual({ documents: POSTS + 1 + POSTS * PER_POST, ranges: 1 + POSTS + 1 });
    expect(explained.with?.comments).toMatchObject({
      index: 'by_post',
      ranges: ['postId = "?"'],
      residual: 'status = "ok"',
      order: 'memory',
      load: expect.stringMatching(/^per distinct parent key, every match/),
    });
  });

  it('a prepared query plans its relation reads the same way', async () => {
    const t = await seeded();
    const prepared = orm.query.posts
      .findMany({
        with: { comments: { where: { status: sql.placeholder('status') }, orderBy: { uid: 'desc' }, limit: 1 } },
      })
      .prepare();
    const { result, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await prepared.execute(ctx, { status: 'ok' });
      const explained = prepared.execute(raw, { status: 'ok' }).explain();
      return { result, reads: { ...reads }, explained };
    });
    expect(result.map((post) => post.comments.map((c) => c.uid))).toEqual(latest);
    expect(reads).toEqual({ documents: POSTS + 1 + POSTS * PER_POST, ranges: 1 + POSTS + 1 });
    expect(explained.with?.comments).toMatchObject({ index: 'by_post', ranges: ['postId = "?"'] });
  });
});

describe('a nested equality on a field with an index of its own, as long as the foreign-key one', () => {
  // `postId` has the index `.references()` adds (postId_fk, after the declared ones); `status` has
  // by_status, declared first. Both pin one field: the tie went to by_status, read per post with the
  // key residual, so every post read every 'ok' comment of every post.
  const posts = convexTable('posts', { title: text().notNull() });
  const comments = convexTable(
    'comments',
    {
      postId: id('posts')
        .notNull()
        .references(() => posts._id),
      status: text().notNull(),
    },
    (t) => [index('by_status').on(t.status)],
  );
  const tables = { posts, comments };
  const schema = defineSchema(tables);
  const relations = defineRelations(tables, (r) => ({
    posts: { comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }) },
  }));
  const orm = createOrm({ relations });
  const POSTS = 10;
  const PER_POST = 10;

  async function seeded() {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let post = 0; post < POSTS; post++) {
        const postId = await ctx.db.insert('posts', { title: `p${post}` });
        for (let i = 0; i < PER_POST; i++) await ctx.db.insert('comments', { postId, status: 'ok' });
      }
      await ctx.db.insert('posts', { title: 'no comments' });
    });
    return t;
  }

  it("a load reads each post's comments by the foreign-key index (111 reads, was 1,111)", async () => {
    const t = await seeded();
    const config = { with: { comments: { where: { status: 'ok' } } } } as const;
    const { result, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany(config);
      const explained = orm.db(raw).query.posts.findMany(config).explain();
      return { result, reads: { ...reads }, explained };
    });
    expect(result.map((post) => post.comments.length)).toEqual([...Array(POSTS).fill(PER_POST), 0]);
    // 11 posts + each post's own 10 comments.
    expect(reads).toEqual({ documents: POSTS + 1 + POSTS * PER_POST, ranges: 1 + POSTS + 1 });
    expect(explained.with?.comments).toMatchObject({
      index: 'postId_fk',
      ranges: ['postId = "?"'],
      residual: 'status = "ok"',
    });
  });

  it('a relation filter reads the foreign-key range of each candidate (21 reads, was 571)', async () => {
    const t = await seeded();
    const config = { where: { comments: { status: 'ok' } } } as const;
    const { result, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany(config);
      const explained = orm.db(raw).query.posts.findMany(config).explain();
      return { result, reads: { ...reads }, explained };
    });
    expect(result).toHaveLength(POSTS);
    // 11 posts, then the first comment of each post's own range (none for the last).
    expect(reads).toEqual({ documents: POSTS + 1 + POSTS, ranges: 1 + POSTS + 1 });
    expect(explained.exists?.comments).toMatchObject({ index: 'postId_fk', residual: 'status = "ok"' });
  });

  it('_count with the nested where counts each post by the foreign-key index (111 reads, was 1,111)', async () => {
    const t = await seeded();
    const { result, reads } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany({
        columns: { title: true },
        _count: { comments: { where: { status: 'ok' } } },
      });
      return { result, reads: { ...reads } };
    });
    expect(result.map((post) => post._count.comments)).toEqual([...Array(POSTS).fill(PER_POST), 0]);
    expect(reads).toEqual({ documents: POSTS + 1 + POSTS * PER_POST, ranges: 1 + POSTS + 1 });
  });

  it('a select join with a where on the joined table looks each row up by the foreign-key index (111 reads, was 1,111)', async () => {
    const t = await seeded();
    const { rows, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = (db: ReturnType<typeof orm.db>) =>
        db
          .select({ title: posts.title, status: comments.status })
          .from(posts)
          .innerJoin(comments, eq(comments.postId, posts._id))
          .where(eq(comments.status, 'ok'));
      const rows = await query(orm.db(ctx));
      return { rows, reads: { ...reads }, explained: query(orm.db(raw)).explain() };
    });
    expect(rows).toHaveLength(POSTS * PER_POST);
    expect(reads).toEqual({ documents: POSTS + 1 + POSTS * PER_POST, ranges: 1 + POSTS + 1 });
    expect(explained.joins[0]).toMatchObject({ index: 'postId_fk', ranges: ['postId = ?'], residual: 'status = "ok"' });
  });
});

describe("a target's or junction's read rule with an equality on an index of its own", () => {
  // A tenant rule: every readable row has `tenant = 't1'`, and each table has by_tenant, declared
  // before the index on the join columns. Keyed reads by by_tenant read the whole tenant per parent.
  const posts = convexTable('posts', { title: text().notNull() });
  const comments = convexTable(
    'comments',
    {
      postId: id('posts')
        .notNull()
        .references(() => posts._id),
      tenant: text().notNull(),
    },
    (t) => [index('by_tenant').on(t.tenant)],
  );
  const tags = convexTable('tags', { name: text().notNull(), tenant: text().notNull() }, (t) => [
    index('by_tenant').on(t.tenant),
    index('by_name').on(t.name),
  ]);
  const postTags = convexTable(
    'postTags',
    {
      postId: id('posts')
        .notNull()
        .references(() => posts._id),
      tag: text().notNull(),
      tenant: text().notNull(),
    },
    (t) => [index('by_tenant').on(t.tenant)],
  );
  const tables = { posts, comments, tags, postTags };
  const schema = defineSchema(tables);
  const relations = defineRelations(tables, (r) => ({
    posts: {
      comments: r.many.comments({ from: r.posts._id, to: r.comments.postId }),
      tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags.name.through(r.postTags.tag) }),
    },
  }));
  const tenant = { tenant: 't1' } as const;
  const orm = createOrm({
    relations,
    rules: defineRules(relations, () => ({
      comments: { read: tenant },
      tags: { read: tenant },
      postTags: { read: tenant },
    })),
  });
  const POSTS = 10;

  async function seeded() {
    const t = convexTest(schema, modules);
    await t.run(async (ctx) => {
      for (let post = 0; post < POSTS; post++) {
        const postId = await ctx.db.insert('posts', { title: `p${post}` });
        for (let i = 0; i < 10; i++) await ctx.db.insert('comments', { postId, tenant: 't1' });
        for (let i = 0; i < 3; i++) {
          await ctx.db.insert('postTags', { postId, tag: `t${post}-${i}`, tenant: 't1' });
          await ctx.db.insert('tags', { name: `t${post}-${i}`, tenant: 't1' });
        }
      }
    });
    return t;
  }

  it('a load of the target reads by the foreign-key index, the rule residual (110 reads, was 1,010)', async () => {
    const t = await seeded();
    const config = { with: { comments: true } } as const;
    const { result, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany(config);
      const db = orm.db(raw);
      await db.query.posts.findFirst();
      return { result, reads: { ...reads }, explained: db.query.posts.findMany(config).explain() };
    });
    expect(result.map((post) => post.comments.length)).toEqual(Array(POSTS).fill(10));
    expect(reads).toEqual({ documents: POSTS + POSTS * 10, ranges: 1 + POSTS });
    expect(explained.with?.comments).toMatchObject({
      index: 'postId_fk',
      ranges: ['postId = "?"'],
      residual: 'tenant = "t1"',
    });
  });

  it('a select join looks each row up by the foreign-key index, the rule residual (110 reads, was 1,010)', async () => {
    const t = await seeded();
    const { rows, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const query = (db: ReturnType<typeof orm.db>) =>
        db.select({ title: posts.title }).from(posts).innerJoin(comments, eq(comments.postId, posts._id));
      const rows = await query(orm.db(ctx));
      const db = orm.db(raw);
      await db.query.posts.findFirst();
      return { rows, reads: { ...reads }, explained: query(db).explain() };
    });
    expect(rows).toHaveLength(POSTS * 10);
    expect(reads).toEqual({ documents: POSTS + POSTS * 10, ranges: 1 + POSTS });
    expect(explained.joins[0]).toMatchObject({ index: 'postId_fk', ranges: ['postId = ?'], residual: 'tenant = "t1"' });
  });

  it('a through load reads the junction by its foreign-key index and each target by its name index (70 reads, was 1,210)', async () => {
    const t = await seeded();
    const config = { with: { tags: { columns: { name: true } } } } as const;
    const { result, reads, explained } = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const result = await orm.db(ctx).query.posts.findMany(config);
      const db = orm.db(raw);
      await db.query.posts.findFirst();
      return { result, reads: { ...reads }, explained: db.query.posts.findMany(config).explain() };
    });
    expect(result.map((post) => post.tags.map((tag) => tag.name))).toEqual(
      Array.from({ length: POSTS }, (_, post) => [0, 1, 2].map((i) => `t${post}-${i}`)),
    );
    // 10 posts, 3 links per post (one range each post), one tag per link (one range each).
    expect(reads).toEqual({ documents: POSTS + 3 * POSTS + 3 * POSTS, ranges: 1 + POSTS + 3 * POSTS });
    expect(explained.with?.tags).toMatchObject({
      index: 'by_name',
      ranges: ['name = "?"'],
      residual: 'tenant = "t1"',
      junction: { index: 'postId_fk', ranges: ['postId = "?"'], residual: 'tenant = "t1"' },
    });
  });
});
