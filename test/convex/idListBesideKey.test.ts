import { and, asc, createOrm, defineRules, eq, inArray, sql } from 'convex-orm';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import { posts, relations, users } from '../../example/convex/schema';
import { seeded } from './seed';

// A read by `_id` whose key is bound per row (a join key, a relation key) beside an `_id` list:
// the key is read, the list tests it, and a key the list rejects is skipped without a read.
// The seed has 7 posts by 4 authors; Bob wrote 2 of them.
describe('an _id list beside an _id key bound per row', () => {
  it('a join keyed on users._id with the list in ON or WHERE reads the posts and the listed author only', async () => {
    const { t, ids } = await seeded();
    const { bob } = ids.users;
    const out = await t.run(async (raw) => {
      const joined = async (inOn: boolean) => {
        const { ctx, reads } = countReads(raw);
        const key = eq(users._id, posts.authorId);
        const listed = inArray(users._id, [bob]);
        const select = orm.db(ctx).select({ title: posts.title, author: users.name }).from(posts);
        const query = inOn ? select.innerJoin(users, and(key, listed)) : select.innerJoin(users, key).where(listed);
        return { rows: await query.orderBy(asc(posts.title)), documents: reads.documents };
      };
      return { on: await joined(true), where: await joined(false) };
    });
    const rows = [
      { title: 'Bob 2', author: 'Bob' },
      { title: 'Intro to ORMs', author: 'Bob' },
    ];
    // The list is carried to posts.authorId (an inner join's key): Bob's 2 posts by by_author, then
    // Bob once (the per-query cache); no other post or author is read.
    expect(out.on).toEqual({ rows, documents: 3 });
    expect(out.where).toEqual({ rows, documents: 3 });
  });

  it('a relation by _id with a nested _id list, and the same as a relation filter', async () => {
    const { t, ids } = await seeded();
    const { bob } = ids.users;
    const out = await t.run(async (raw) => {
      const loaded = countReads(raw);
      const withAuthor = await orm.db(loaded.ctx).query.posts.findMany({
        columns: { title: true },
        with: { author: { columns: { name: true }, where: { _id: { in: [bob] } } } },
      });
      const filtered = countReads(raw);
      const byAuthor = await orm.db(filtered.ctx).query.posts.findMany({
        columns: { title: true },
        where: { author: { _id: { in: [bob] } } },
      });
      return {
        authors: withAuthor.filter((row) => row.author !== null),
        loadReads: loaded.reads.documents,
        titles: byAuthor.map((row) => row.title),
        filterReads: filtered.reads.documents,
      };
    });
    expect(out.authors).toEqual([
      { title: 'Intro to ORMs', author: { name: 'Bob' } },
      { title: 'Bob 2', author: { name: 'Bob' } },
    ]);
    expect(out.titles).toEqual(['Intro to ORMs', 'Bob 2']);
    expect(out.loadReads).toBe(8);
    expect(out.filterReads).toBe(8);
  });

  it('two _id lists (a rule and the query): the ids read are the ones both hold, in the query order', async () => {
    const { t, ids } = await seeded();
    const { introConvex, indexes, draft, bob2, cyPost } = ids.posts;
    const ruled = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { _id: { in: [bob2, introConvex] } } } })),
    });
    const out = await t.run(async (raw) => {
      const { ctx, reads } = countReads(raw);
      const rows = await ruled
        .db(ctx)
        .query.posts.findMany({ where: { _id: { in: [indexes, introConvex, draft, cyPost] } } });
      return { ids: rows.map((row) => row._id), documents: reads.documents };
    });
    // The rule's list is shorter, so it is the one read; bob2, outside the query's list, is not read.
    expect(out).toEqual({ ids: [introConvex], documents: 1 });
  });

  it('a prepared query with an _id placeholder beside an _id list', async () => {
    const { t, ids } = await seeded();
    const { introConvex, indexes, draft } = ids.posts;
    const byId = orm.query.posts
      .findMany({ columns: { title: true }, where: { _id: { eq: sql.placeholder('id'), in: [indexes, introConvex] } } })
      .prepare();
    const out = await t.run(async (raw) => {
      const run = async (id: string) => {
        const { ctx, reads } = countReads(raw);
        return { rows: await byId.execute(ctx, { id: id as typeof draft }), documents: reads.documents };
      };
      return { listed: await run(introConvex), unlisted: await run(draft) };
    });
    expect(out.listed).toEqual({ rows: [{ title: 'Intro to Convex' }], documents: 1 });
    expect(out.unlisted).toEqual({ rows: [], documents: 0 });
  });
});
