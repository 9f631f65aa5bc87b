import { countReads } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { describe, expect, it } from 'vitest';
import { modules } from '../../example/convex/test.setup';
import { guide, missingBlocks, tsBlocks } from './guideBlocks';
import { counts } from './queries';
import { orm, postsOfAuthor } from './queries.orm';
import { postsOfAuthorPage } from './queries.prepared';
import schema, { comments, groups, posts, users, usersToGroups } from './queries.schema';

const files = [
  'queries.ts',
  'queries.orm.ts',
  'queries.sealed.ts',
  'queries.prepared.ts',
  'queries.vector.ts',
  'queries.reads.ts',
];

/**
 * Ada (an admin, with 2 posts: "Intro to Convex", published, with 3 comments, 2 approved, and a
 * draft) invited Bob (a member with 1 post of 200 words); both are in the group "g".
 */
async function seeded() {
  const t = convexTest(schema, modules);
  const ids = await t.run(async (ctx) => {
    const db = orm.db(ctx);
    const [ada] = await db.insert(users).values({ name: 'Ada', email: 'ada@x', role: 'admin' }).returning();
    const [bob] = await db.insert(users).values({ name: 'Bob', email: 'bob@x', invitedBy: ada!._id }).returning();
    const [intro] = await db
      .insert(posts)
      .values([
        { title: 'Intro to Convex', status: 'published', authorId: ada!._id, publishedAt: Date.now(), words: 100 },
        { title: 'Draft', status: 'draft', authorId: ada!._id },
        { title: 'intro to indexes', status: 'published', authorId: bob!._id, publishedAt: Date.now(), words: 200 },
      ])
      .returning();
    await db
      .insert(comments)
      .values(
        [true, true, false].map((approved) => ({ postId: intro!._id, authorId: bob!._id, body: 'nice', approved })),
      );
    const [g] = await db.insert(groups).values({ name: 'g' }).returning();
    await db.insert(usersToGroups).values([ada, bob].map((user) => ({ userId: user!._id, groupId: g!._id })));
    return { ada: ada!._id, bob: bob!._id };
  });
  return { t, ...ids };
}

describe('docs/queries.md', () => {
  it('shows the type-checked queries*.ts', () => {
    expect(tsBlocks(guide('queries'))).toHaveLength(12);
    expect(missingBlocks('queries', files, [['./schema', './queries.schema']])).toEqual([]);
  });

  it('loads the relations of the first example', async () => {
    const { t } = await seeded();
    const bob = await t.run((ctx) =>
      orm.db(ctx).query.users.findFirst({
        where: { name: 'Bob' },
        columns: { name: true },
        with: {
          invitee: { columns: { name: true } },
          groups: { columns: { name: true }, with: { members: { columns: { name: true } } } },
          posts: { columns: { title: true }, with: { author: { columns: { name: true } } } },
        },
      }),
    );
    expect(bob).toEqual({
      name: 'Bob',
      invitee: { name: 'Ada' },
      groups: [{ name: 'g', members: [{ name: 'Ada' }, { name: 'Bob' }] }],
      posts: [{ title: 'intro to indexes', author: { name: 'Bob' } }],
    });
  });

  it('runs the config example', async () => {
    const { t } = await seeded();
    const rows = await t.run((ctx) =>
      orm.db(ctx).query.users.findMany({
        columns: { name: true, email: true },
        where: { role: 'admin', posts: { title: { like: 'Intro%' } } },
        orderBy: { _creationTime: 'desc' },
        limit: 20,
        offset: 0,
        with: {
          posts: {
            columns: { title: true },
            where: { publishedAt: { isNotNull: true } },
            orderBy: { publishedAt: 'desc' },
            limit: 5,
          },
          invitee: { columns: { name: true } },
        },
        extras: { initials: (row) => row.name.slice(0, 2) },
      }),
    );
    expect(rows).toEqual([
      { name: 'Ada', email: 'ada@x', initials: 'Ad', posts: [{ title: 'Intro to Convex' }], invitee: null },
    ]);
  });

  it('counts as the _count example says', async () => {
    const { t } = await seeded();
    expect(await t.run((ctx) => counts(orm.db(ctx)))).toEqual([
      { name: 'Ada', _count: { posts: 2, comments: 0 } },
      { name: 'Bob', _count: { posts: 1, comments: 2 } },
    ]);
  });

  it('explains as the explain example says', async () => {
    const { t, ada: authorId } = await seeded();
    const plan = await t.run(async (ctx) =>
      orm
        .db(ctx)
        .query.posts.findMany({
          where: { authorId },
          orderBy: { publishedAt: 'desc' },
          limit: 5,
          with: { author: true },
        })
        .explain(),
    );
    expect(plan).toMatchObject({
      table: 'posts',
      read: 'index',
      index: 'by_author',
      ranges: [`authorId = "${authorId}"`],
      residual: null,
      order: 'index desc',
      fullScan: false,
      scanBudget: 10000,
      with: { author: { table: 'users', read: 'get', ranges: ['_id = "?"'], load: 'db.get per distinct id' } },
    });
  });

  it('searches and explains as the search section says', async () => {
    const { t } = await seeded();
    const { rows, plan } = await t.run(async (ctx) => {
      const config = {
        search: { index: 'search_title', query: 'intro' },
        where: { status: 'published', words: { gt: 150 } },
        with: { author: true },
        limit: 10,
      } as const;
      const db = orm.db(ctx);
      return { rows: await db.query.posts.findMany(config), plan: db.query.posts.findMany(config).explain() };
    });
    expect(rows.map((row) => [row.title, row.author.name])).toEqual([['intro to indexes', 'Bob']]);
    expect(plan).toMatchObject({
      read: 'search',
      index: 'search_title',
      search: 'title matches "intro"',
      ranges: ['status = "published"'],
      order: 'relevance',
    });
    expect(plan.residual).toContain('words');
  });

  it('runs the prepared query, planned once', async () => {
    const { t, ada: author } = await seeded();
    const values = { author, after: Date.now() - 86_400_000, limit: 20, pattern: '%' };
    const rows = await t.run((ctx) => postsOfAuthor.execute(ctx, values));
    expect(rows.map((row) => [row.title, row.comments.length])).toEqual([['Intro to Convex', 3]]);
    expect(postsOfAuthor.explain(values).prepared).toBe('once');
  });

  it('reads one document in one range for a unique email, as the read-count example says', async () => {
    const { t } = await seeded();
    const email = 'bob@x';
    await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      await orm.db(ctx).query.users.findMany({ where: { email } });
      expect(reads).toEqual({ documents: 1, ranges: 1 });
    });
  });

  it('pages the prepared paginate: a page, then the rest from its cursor', async () => {
    const { t, ada: authorId } = await seeded();
    const { first, second } = await t.run(async (ctx) => {
      const first = await postsOfAuthorPage.execute(ctx, { numItems: 1, cursor: null }, { authorId });
      const second = await postsOfAuthorPage.execute(ctx, { numItems: 1, cursor: first.continueCursor }, { authorId });
      return { first, second };
    });
    // publishedAt desc: the draft's null sorts first ascending, so last descending
    expect([first.page.map((row) => row.title), first.isDone]).toEqual([['Intro to Convex'], false]);
    expect(second.page.map((row) => row.title)).toEqual(['Draft']);
  });
});
