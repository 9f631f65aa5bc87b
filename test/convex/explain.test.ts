import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../example/convex/orm';
import type { QueryExplain } from '../../src/index';
import { seeded } from './seed';

type Db = ReturnType<typeof orm.db>;
interface Explained {
  explain(): QueryExplain;
}

/** Runs a query's explain() and the query itself, returning the plan and what the run read. */
async function explainAndRun(
  t: Awaited<ReturnType<typeof seeded>>['t'],
  make: (db: Db) => Explained & PromiseLike<unknown>,
) {
  return t.run(async (raw) => {
    const { ctx, reads } = countReads(raw);
    const query = make(orm.db(ctx));
    const explained = query.explain();
    const explainReads = { ...reads };
    await query;
    return { explained, explainReads, reads: { ...reads } };
  });
}

// Seed: users Ada, Bob, Cy, Di, Eve; posts per user 3, 2, 1, 0, 1 (7); Ada and Bob in groups.
describe('explain() describes what runs, checked against countReads', () => {
  it('root: an index range that gives the order stops at the limit', async () => {
    const { t, ids } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.posts.findMany({ where: { authorId: ids.users.ada }, orderBy: { publishedAt: 'desc' }, limit: 2 }),
    );
    expect(run.explained).toMatchObject({ read: 'index', index: 'by_author', order: 'index desc', fullScan: false });
    expect(run.explainReads).toEqual({ documents: 0, ranges: 0 });
    expect(run.reads).toEqual({ documents: 2, ranges: 1 });
  });

  it('root: an in-list is one range per value, merged lazily', async () => {
    const { t, ids } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.posts.findMany({
        where: { authorId: { in: [ids.users.ada, ids.users.bob] } },
        orderBy: { publishedAt: 'desc' },
        limit: 2,
      }),
    );
    expect(run.explained).toMatchObject({ read: 'index', index: 'by_author', order: 'index desc' });
    expect(run.explained.ranges).toHaveLength(2);
    // Each range's head, then one more from the range the second row came from.
    expect(run.reads).toEqual({ documents: 3, ranges: 2 });
  });

  it('root: _id in is one db.get per id', async () => {
    const { t, ids } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.users.findMany({ where: { _id: { in: [ids.users.ada, ids.users.bob] } } }),
    );
    expect(run.explained).toMatchObject({ read: 'get', order: 'ids', fullScan: false });
    expect(run.reads).toEqual({ documents: 2, ranges: 2 });
  });

  it('root: a full scan with a residual reads until the limit passes', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) => db.query.users.findMany({ where: { name: 'Bob' }, limit: 1 }));
    expect(run.explained).toMatchObject({ fullScan: true, residual: 'name = "Bob"', suggestedIndex: ['name'] });
    expect(run.reads).toEqual({ documents: 2, ranges: 1 });
  });

  it('root: an order no index gives reads every match and sorts in memory', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) => db.query.users.findMany({ orderBy: { name: 'desc' }, limit: 1 }));
    expect(run.explained).toMatchObject({ order: 'memory', fullScan: true });
    expect(run.reads).toEqual({ documents: 5, ranges: 1 });
  });

  it('root: a filter that matches nothing reads nothing', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) => db.query.users.findMany({ where: { _id: { in: [] } } }));
    expect(run.explained).toMatchObject({ read: 'none' });
    expect(run.reads).toEqual({ documents: 0, ranges: 0 });
  });

  it('nested: an index that gives the nested order takes offset + limit per parent', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.users.findMany({ with: { posts: { orderBy: { publishedAt: 'desc' }, limit: 1 } } }),
    );
    expect(run.explained.with).toMatchObject({
      posts: {
        order: 'index desc',
        load: 'per distinct parent key, take(1); one range over the key span past half the ranges left',
      },
    });
    // 5 users, then at most 1 post for each (Di has none).
    expect(run.reads).toEqual({ documents: 5 + 4, ranges: 1 + 5 });
  });

  it('nested: an order the index does not give reads every child of each parent (not take(limit))', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.users.findMany({ with: { posts: { orderBy: { title: 'asc' }, limit: 2 } } }),
    );
    expect(run.explained.with).toMatchObject({
      posts: {
        order: 'memory',
        load: 'per distinct parent key, every match; one range over the key span past half the ranges left',
      },
    });
    expect(run.reads).toEqual({ documents: 5 + 7, ranges: 1 + 5 });
  });

  it('nested: a relation order reads every child and the relation it orders by', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.users.findMany({ with: { posts: { orderBy: { author: { name: 'asc' } }, limit: 1 } } }),
    );
    expect(run.explained.with).toMatchObject({
      posts: {
        order: 'memory (relation order)',
        load: 'per distinct parent key, every match; one range over the key span past half the ranges left',
      },
    });
    // 5 users, 7 posts, and the author of each post by db.get where a user has two or more posts to
    // order (2 users; a single post is in order as it is, so its author is not read).
    expect(run.reads).toEqual({ documents: 5 + 7 + 2, ranges: 1 + 5 + 2 });
  });

  it('nested: a nested filter on rows read is "until n pass", reading past rejected rows', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) =>
      db.query.users.findMany({
        with: { posts: { where: { title: { like: 'I%' } }, orderBy: { publishedAt: 'desc' }, limit: 1 } },
      }),
    );
    expect(run.explained.with).toMatchObject({
      posts: {
        residual: 'title like "I%"',
        load: 'per distinct parent key, until 1 pass; one range over the key span past half the ranges left',
      },
    });
    // Newest first: Ada's Indexes passes at once; Bob's Bob 2 fails, then Intro to ORMs passes; Cy's and
    // Eve's only post fails. 5 children read, where take(1) per parent would read 4.
    expect(run.reads).toEqual({ documents: 5 + 5, ranges: 1 + 5 });
  });

  it('nested: a one relation to _id is one db.get per distinct id', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) => db.query.posts.findMany({ with: { author: true } }));
    expect(run.explained.with).toMatchObject({ author: { read: 'get', load: 'db.get per distinct id' } });
    expect(run.reads).toEqual({ documents: 7 + 4, ranges: 1 + 4 });
  });

  it('nested: a through relation reads junction rows by index, then each target', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) => db.query.users.findMany({ with: { groups: true } }));
    expect(run.explained.with).toMatchObject({
      groups: {
        load:
          'through usersToGroups; one range over the key span when the junction reads pass half the ranges left ' +
          '(targets: a db.get each either way); short of that, when they and a db.get per key would, the smallest ' +
          "key's junction rows first, then, when that many targets per key would pass the ranges left, the other " +
          "keys' junction rows as one range over their span",
        junction: { index: 'userId_groupId_unique' },
      },
    });
    // 5 users; 4 junction rows over 5 ranges; 2 distinct groups by db.get.
    expect(run.reads).toEqual({ documents: 5 + 4 + 2, ranges: 1 + 5 + 2 });
  });

  it('relation filter: EXISTS reads until one related row passes', async () => {
    const { t } = await seeded();
    const run = await explainAndRun(t, (db) => db.query.users.findMany({ where: { posts: { title: 'Draft' } } }));
    expect(run.explained).toMatchObject({
      residual: 'exists posts(title = "Draft")',
      exists: {
        posts: {
          residual: 'title = "Draft"',
          load: 'per parent, until 1 pass; the keys with related rows read at once past half the ranges left: the matching posts rows (index by_author of posts)',
        },
      },
    });
    // Oldest first, absent publishedAt first: Ada's Draft passes at once; Bob's 2, Cy's 1 and Eve's 1 all fail.
    expect(run.reads).toEqual({ documents: 5 + 1 + 2 + 1 + 1, ranges: 1 + 5 });
  });
});
