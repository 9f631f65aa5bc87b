/**
 * The rules of every table a relation order reaches are resolved when the query is parsed, as a
 * `with` load's are, so the outcome does not depend on how many rows the query finds: under
 * `defaultDeny`, `orderBy: { tags: 'desc(count)' }` with `tags` having no entry is RULE_VIOLATION
 * over 0, 1 or 2 posts (docs/rules.md: "a statement fails so before it reads a row, whatever its
 * rows turn out to be"), and rules reaching each other in a cycle are RELATION_CONFIG "by every
 * query, load, _count, join and explain() that reaches it". Before, the sort built those
 * selections only for a group of two rows or more: 0 or 1 row resolved with the rows, while
 * `explain()` and `with: { tags: { limit: 0 } }` were refused. A prepared query is refused too.
 */
import type { Auth } from 'convex/server';
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
  id,
  index,
  integer,
  text,
} from '../../src/index';

const posts = convexTable('posts', { title: text().notNull(), score: integer().notNull() });
const tags = convexTable('tags', { label: text().notNull(), hidden: boolean().notNull() });
const postTags = convexTable(
  'postTags',
  {
    postId: id('posts')
      .notNull()
      .references(() => posts._id),
    tagId: id('tags')
      .notNull()
      .references(() => tags._id),
  },
  (t) => [index('by_post').on(t.postId), index('by_tag').on(t.tagId)],
);
const tables = { posts, tags, postTags };
const relations = defineRelations(tables, (r) => ({
  posts: {
    tags: r.many.tags({ from: r.posts._id.through(r.postTags.postId), to: r.tags._id.through(r.postTags.tagId) }),
  },
}));
// tags: no entry, so under defaultDeny no caller may read it.
const rules = defineRules(
  relations,
  async (_ctx: { auth: Auth }) => ({ posts: { read: {} }, postTags: { read: {} } }),
  {
    defaultDeny: true,
  },
);
const orm = createOrm({ relations, rules });

async function outcome(postCount: number, config: object) {
  const t = convexTest({ schema: defineSchema(tables), modules } as any);
  await t.run(async (raw: any) => {
    const tag = await raw.db.insert('tags', { label: 'x', hidden: false });
    for (let i = 0; i < postCount; i++) {
      const post = await raw.db.insert('posts', { title: `p${i}`, score: i });
      await raw.db.insert('postTags', { postId: post, tagId: tag });
    }
  });
  return t.withIdentity({ subject: 'u' }).run(async (ctx: any) => {
    const db = orm.db(ctx);
    let run: string;
    try {
      await db.query.posts.findMany(config as any);
      run = 'rows';
    } catch (error: any) {
      run = error.code;
    }
    // After the run: the rule function (async) has been evaluated for this db.
    let explained: string;
    try {
      db.query.posts.findMany(config as any).explain();
      explained = 'explained';
    } catch (error: any) {
      explained = error.code;
    }
    return { run, explained };
  });
}

describe('a relation order through tables whose rules are a cycle is RELATION_CONFIG whatever the rows', () => {
  const users = convexTable('users', { name: text().notNull(), verified: boolean().notNull() });
  const articles = convexTable(
    'articles',
    {
      authorId: id('users')
        .notNull()
        .references(() => users._id),
      published: boolean().notNull(),
    },
    (t) => [index('by_author').on(t.authorId)],
  );
  const labels = convexTable('labels', { name: text().notNull() });
  const links = convexTable(
    'links',
    {
      labelId: id('labels')
        .notNull()
        .references(() => labels._id),
      articleId: id('articles')
        .notNull()
        .references(() => articles._id),
    },
    (t) => [index('by_label').on(t.labelId)],
  );
  const cycleTables = { users, articles, labels, links };
  const cycleRelations = defineRelations(cycleTables, (r) => ({
    users: { articles: r.many.articles() },
    articles: { author: r.one.users({ from: r.articles.authorId, to: r.users._id }) },
    labels: {
      articles: r.many.articles({
        from: r.labels._id.through(r.links.labelId),
        to: r.articles._id.through(r.links.articleId),
      }),
    },
  }));
  const cycleRules = defineRules(cycleRelations, async (_ctx: { auth: Auth }) => ({
    users: { read: { articles: { published: true } } },
    articles: { read: { author: { verified: true } } },
  }));
  const cycleOrm = createOrm({ relations: cycleRelations, rules: cycleRules });

  it.each([0, 1, 2])('labels orderBy { articles: desc(count) } over %i labels', async (labelCount) => {
    const t = convexTest({ schema: defineSchema(cycleTables), modules } as any);
    await t.run(async (raw: any) => {
      for (let i = 0; i < labelCount; i++) await raw.db.insert('labels', { name: `l${i}` });
    });
    const run = await t.withIdentity({ subject: 'u' }).run(async (ctx: any) => {
      try {
        await cycleOrm.db(ctx).query.labels.findMany({ orderBy: { articles: 'desc(count)' } });
        return 'rows';
      } catch (error: any) {
        return error.code;
      }
    });
    // Before: 0 and 1 label resolved with the rows; 2 labels rejected with RELATION_CONFIG.
    expect(run).toBe('RELATION_CONFIG');
  });
});

describe('defaultDeny: a relation order through a table without rules fails whatever the rows', () => {
  it('a with load reading nothing of it already does (0 posts)', async () => {
    expect(await outcome(0, { with: { tags: { limit: 0 } } })).toEqual({
      run: 'RULE_VIOLATION',
      explained: 'RULE_VIOLATION',
    });
  });

  it.each([0, 1, 2])('orderBy { tags: desc(count) } over %i posts', async (postCount) => {
    // Before: 0 and 1 post resolved with the rows ({ run: 'rows' }); 2 posts rejected.
    expect(await outcome(postCount, { orderBy: { tags: 'desc(count)' } })).toEqual({
      run: 'RULE_VIOLATION',
      explained: 'RULE_VIOLATION',
    });
  });

  it('a prepared query of that order is refused over 0 posts', async () => {
    const prepared = orm.query.posts.findMany({ orderBy: { tags: 'desc(count)' } }).prepare('orderedByTags');
    const t = convexTest({ schema: defineSchema(tables), modules } as any);
    const code = await t.withIdentity({ subject: 'u' }).run((ctx: any) =>
      prepared.execute(ctx).then(
        () => 'rows',
        (error: any) => error.code,
      ),
    );
    expect(code).toBe('RULE_VIOLATION');
  });
});
