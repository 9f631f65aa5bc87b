import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import {
  boolean,
  convexTable,
  createOrm,
  defineRelations,
  defineRules,
  defineSchema,
  deletion,
  id,
  index,
  text,
  timestamp,
} from '../../src/index';

// A rule's relation filter under NOT counts soft-deleted rows too, whatever the query sees. Comments
// on a flagged post are hidden from everyone (`NOT { post: { flagged: true } }`), and so is which tags
// a flagged post carried (the junction's rule says the same). The flagged post is soft-deleted, its
// comment and tag links with it (soft cascade). Under `withDeleted` the query sees soft-deleted rows
// everywhere (its own relation filters find the deleted post); the rule's relation filter saw live
// posts only, so the deleted flagged post was "no post", NOT(...) was TRUE, and the hidden comment
// and tag came back: from findMany, count, relation filters, db.select(), `with` loads, `_count`,
// relation orderBy and through relations. An update or hard delete (which match soft-deleted rows)
// matched the hidden comment the same way and handed it back with `returning()`. A live comment of
// the deleted flagged post passed the rule in every read.
const posts = convexTable(
  'posts',
  { title: text().notNull(), flagged: boolean().notNull(), deletedAt: timestamp() },
  (t) => [deletion('soft', { column: t.deletedAt })],
);
const comments = convexTable(
  'comments',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    body: text().notNull(),
    pinned: boolean().notNull().default(false),
    deletedAt: timestamp(),
  },
  (t) => [index('by_post').on(t.postId), deletion('soft', { column: t.deletedAt })],
);
const tags = convexTable('tags', { name: text().notNull() });
const postTags = convexTable(
  'postTags',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id, { onDelete: 'cascade' }),
    tagId: id('tags').notNull(),
    deletedAt: timestamp(),
  },
  (t) => [index('by_post').on(t.postId), index('by_tag').on(t.tagId), deletion('soft', { column: t.deletedAt })],
);
const schema = defineSchema({ posts, comments, tags, postTags });
const relations = defineRelations({ posts, comments, tags, postTags }, (r) => ({
  posts: {
    comments: r.many.comments(),
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
  },
  comments: { post: r.one.posts({ from: r.comments.postId, to: r.posts._id }) },
  postTags: { post: r.one.posts({ from: r.postTags.postId, to: r.posts._id }) },
}));
const notOnFlaggedPost = { NOT: { post: { flagged: true } } };
const rules = defineRules(relations, () => ({
  posts: { read: {} },
  comments: { read: notOnFlaggedPost },
  tags: { read: {} },
  postTags: { read: notOnFlaggedPost },
}));
const orm = createOrm({ relations, rules });
const bypass = createOrm({ relations });

async function setup() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  const flagged = await t.run(async (ctx) => {
    const db = bypass.db(ctx);
    const [flagged, clean] = await db
      .insert(posts)
      .values([
        { title: 'flagged', flagged: true },
        { title: 'clean', flagged: false },
      ])
      .returning({ _id: posts._id });
    await db.insert(comments).values([
      { postId: flagged!._id, body: 'secret reply on the flagged post' },
      { postId: clean!._id, body: 'reply on the clean post' },
    ]);
    const [secret, open] = await db
      .insert(tags)
      .values([{ name: 'secret tag' }, { name: 'public tag' }])
      .returning({ _id: tags._id });
    await db.insert(postTags).values([
      { postId: flagged!._id, tagId: secret!._id },
      { postId: clean!._id, tagId: open!._id },
    ]);
    // The flagged post is deleted: its comment and tag link are soft-deleted with it (soft cascade).
    await db.delete(posts).where({ _id: flagged!._id } as never);
    return flagged!._id;
  });
  return { t, flagged };
}

describe('withDeleted: a rule whose relation filter is negated hides the same rows', () => {
  it('the comment of a flagged post stays hidden under withDeleted: true (was returned)', async () => {
    const { t } = await setup();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return {
        // What the caller can see of the world under withDeleted: the flagged post is there.
        flaggedPosts: (await db.query.posts.findMany({ withDeleted: true, where: { flagged: true } })).map(
          (row) => row.title,
        ),
        all: (await db.query.comments.findMany({ withDeleted: true, orderBy: { body: 'asc' } })).map((row) => row.body),
        // The query's own relation filter finds the flagged post; the rule's does not.
        onFlagged: (await db.query.comments.findMany({ withDeleted: true, where: { post: { flagged: true } } })).map(
          (row) => row.body,
        ),
        count: await db.query.comments.count({ withDeleted: true }),
      };
    });
    expect(result.flaggedPosts).toEqual(['flagged']);
    // Expected: the rule hides the reply on the flagged post, whatever withDeleted says.
    expect(result).toEqual({
      flaggedPosts: ['flagged'],
      all: ['reply on the clean post'],
      onFlagged: [],
      count: 1,
    });
  });

  it('a live comment of the soft-deleted flagged post is hidden from every read too (was shown)', async () => {
    const { t, flagged } = await setup();
    await t.run(async (ctx) => {
      await bypass.db(ctx).insert(comments).values({ postId: flagged, body: 'late reply on the flagged post' });
    });
    const seen = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      const bodies = (rows: { body: string }[]) => rows.map((row) => row.body);
      return {
        live: bodies(await db.query.comments.findMany({ orderBy: { body: 'asc' } })),
        withDeleted: bodies(await db.query.comments.findMany({ withDeleted: true, orderBy: { body: 'asc' } })),
        count: await db.query.comments.count(),
      };
    });
    expect(seen).toEqual({
      live: ['reply on the clean post'],
      withDeleted: ['reply on the clean post'],
      count: 1,
    });
  });

  it('a db.select() with withDeleted() does not return it either', async () => {
    const { t } = await setup();
    const rows = await t.run(async (ctx) => orm.db(ctx).select({ body: comments.body }).from(comments).withDeleted());
    expect(rows.map((row) => row.body)).toEqual(['reply on the clean post']);
  });

  it('nor does a with load or _count of the posts (was the secret reply, and 1)', async () => {
    const { t } = await setup();
    const rows = await t.run(async (ctx) =>
      orm.db(ctx).query.posts.findMany({
        withDeleted: true,
        orderBy: { title: 'asc' },
        columns: { title: true },
        with: { comments: { columns: { body: true } } },
        _count: { comments: true },
      }),
    );
    expect(rows).toEqual([
      { title: 'clean', comments: [{ body: 'reply on the clean post' }], _count: { comments: 1 } },
      { title: 'flagged', comments: [], _count: { comments: 0 } },
    ]);
  });

  it('nor does a relation orderBy count it (the flagged post sorted as having one comment)', async () => {
    const { t } = await setup();
    const rows = await t.run(async (ctx) =>
      orm.db(ctx).query.posts.findMany({
        withDeleted: true,
        orderBy: { comments: 'asc(count)', title: 'asc' },
        columns: { title: true },
      }),
    );
    expect(rows.map((row) => row.title)).toEqual(['flagged', 'clean']);
  });

  it("the flagged post's tag link stays hidden through the junction (was the secret tag)", async () => {
    const { t } = await setup();
    const result = await t.run(async (ctx) => {
      const db = orm.db(ctx);
      return {
        loaded: await db.query.posts.findFirst({
          withDeleted: true,
          where: { flagged: true },
          columns: { title: true },
          with: { tags: { columns: { name: true } } },
          _count: { tags: true },
        }),
        bySecretTag: await db.query.posts.count({ withDeleted: true, where: { tags: { name: 'secret tag' } } }),
        byTagOrder: (
          await db.query.posts.findMany({
            withDeleted: true,
            orderBy: { tags: 'asc(count)', title: 'asc' },
            columns: { title: true },
          })
        ).map((row) => row.title),
      };
    });
    expect(result).toEqual({
      loaded: { title: 'flagged', tags: [], _count: { tags: 0 } },
      bySecretTag: 0,
      byTagOrder: ['flagged', 'clean'],
    });
  });
});

// An update and a hard delete match soft-deleted rows: the rules judge such a row as they judge a
// live one, so neither matches (nor hands back with returning()) the comment no read shows.
describe('statements that match soft-deleted rows judge them by the same rules', () => {
  it('update().returning() does not match the hidden comment (was returned with its body)', async () => {
    const { t, flagged } = await setup();
    const returned = await t.run(async (ctx) =>
      orm.db(ctx).update(comments).set({ pinned: true }).where({ postId: flagged }).returning({ body: comments.body }),
    );
    expect(returned).toEqual([]);
    const stored = await t.run(async (ctx) =>
      bypass.db(ctx).query.comments.findMany({ withDeleted: true, where: { postId: flagged } }),
    );
    expect(stored.map((row) => row.pinned)).toEqual([false]);
  });

  it('delete().hard().returning() does not match it either (was removed and returned)', async () => {
    const { t, flagged } = await setup();
    const returned = await t.run(async (ctx) =>
      orm.db(ctx).delete(comments).hard().where({ postId: flagged }).returning({ body: comments.body }),
    );
    expect(returned).toEqual([]);
    const stored = await t.run(async (ctx) => bypass.db(ctx).query.comments.count({ withDeleted: true }));
    expect(stored).toBe(2);
  });

  it('a soft-deleted row an update moves under the flagged post is not handed back by returning()', async () => {
    const { t } = await setup();
    const { flagged, old } = await t.run(async (ctx) => {
      const db = bypass.db(ctx);
      const [post] = await db.query.posts.findMany({ withDeleted: true, where: { flagged: true } });
      const [clean] = await db.query.posts.findMany({ where: { flagged: false } });
      const [row] = await db
        .insert(comments)
        .values({ postId: clean!._id, body: 'old reply', deletedAt: 1 })
        .returning({ _id: comments._id });
      return { flagged: post!._id, old: row!._id };
    });
    // Soft-deleted and on the flagged post, the row is one no read shows the caller.
    const error = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .update(comments)
        .set({ postId: flagged })
        .where({ _id: old })
        .returning({ body: comments.body })
        .then(
          () => null,
          (caught: { code?: string }) => caught.code,
        ),
    );
    expect(error).toBe('RULE_VIOLATION');
  });
});
