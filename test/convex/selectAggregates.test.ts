import { describe, expect, it } from 'vitest';
import {
  and,
  asc,
  avg,
  count,
  countDistinct,
  createOrm,
  defineRules,
  desc,
  eq,
  gt,
  gte,
  max,
  min,
  sum,
} from '../../src/index';
import { countReads } from '../../src/testing/index';
import { authors, backend, backfillAll, type Db, notes, orm, posts, relations } from './aggregates/fixture';

type Ids = { a: string; b: string };

/** 2 authors × 60 posts (statuses and views vary, some views null), 6 notes of which 2 soft-deleted. */
async function world() {
  const { t, run } = backend();
  const ids = await run(async (db) => {
    const [a, b] = await db
      .insert(authors)
      .values([{ name: 'a' }, { name: 'b' }])
      .returning({ _id: authors._id });
    await db.insert(posts).values(
      Array.from({ length: 120 }, (_, i) => ({
        title: `p${i}`,
        authorId: (i % 3 === 0 ? a : b)!._id,
        status: i % 4 === 0 ? ('published' as const) : ('draft' as const),
        views: i % 5 === 0 ? null : i,
        publishedAt: i % 7 === 0 ? null : 1000 - i,
      })),
    );
    const kept = await db
      .insert(notes)
      .values([1, 1, 2, 2, 3, null].map((rank, i) => ({ body: `n${i}`, rank })))
      .returning({ _id: notes._id });
    await db.delete(notes).where(eq(notes._id, kept[0]!._id));
    await db.delete(notes).where(eq(notes._id, kept[2]!._id));
    return { a: a!._id, b: b!._id };
  });
  const measure = <R>(fn: (db: Db, ids: Ids) => PromiseLike<R>, on = orm) =>
    t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const result = await fn(on.db(counted as never) as Db, ids);
      return { result, reads: { ...reads } };
    });
  return { t, ids, measure };
}

/** Grouped selects an aggregate index of the fixture serves, by name. */
const served = {
  byStatus: (db: Db) =>
    db
      .select({ status: posts.status, n: count(), views: sum(posts.views), mean: avg(posts.views) })
      .from(posts)
      .groupBy(posts.status),
  byAuthorTop: (db: Db) =>
    db
      .select({
        author: posts.authorId,
        n: count(posts._id),
        first: min(posts.publishedAt),
        last: max(posts.publishedAt),
      })
      .from(posts)
      .groupBy(posts.authorId)
      .having(gt(count(), 10))
      .orderBy(desc(count()))
      .limit(5),
  oneStatus: (db: Db, ids: Ids) =>
    db
      .select({ author: posts.authorId, n: count() })
      .from(posts)
      .where(and(eq(posts.status, 'draft'), gte(posts.authorId, ids.a as never)))
      .groupBy(posts.status, posts.authorId)
      .orderBy(asc(posts.authorId)),
  total: (db: Db) => db.select({ n: count(), views: sum(posts.views) }).from(posts),
  count: (db: Db, ids: Ids) => db.$count(posts, eq(posts.authorId, ids.a as never)),
  countAll: (db: Db) => db.$count(posts),
  notesByRank: (db: Db) => db.select({ rank: notes.rank, n: count() }).from(notes).groupBy(notes.rank),
};

const queries = Object.entries(served) as [string, (db: Db, ids: Ids) => PromiseLike<unknown>][];

describe('select groupBy and $count served by aggregate indexes', () => {
  it('read O(groups) documents once the index is ready, with the results of the bounded read', async () => {
    const { t, measure } = await world();
    const scanned: Record<string, { result: unknown; reads: { documents: number } }> = {};
    for (const [name, query] of queries) scanned[name] = await measure(query);
    await backfillAll(t);
    for (const [name, query] of queries) {
      const indexed = await measure(query);
      expect(indexed.result, name).toEqual(scanned[name]!.result);
      // Building (before the backfill): the matching rows; ready: the state document, a bucket per
      // key (at most 4 here) and shard (4, the default), and for min/max one extrema-index row per
      // group and bound (2 × 2).
      expect(indexed.reads.documents, name).toBeLessThanOrEqual(1 + 4 * 4 + (name === 'byAuthorTop' ? 4 : 0));
      expect(indexed.reads.documents, name).toBeLessThan(scanned[name]!.reads.documents);
    }
    const reads = await measure(served.count);
    // The state document and the author's 4 bucket shards, in 2 ranges (the state, the key's shards).
    expect(reads).toEqual({ result: 40, reads: { documents: 5, ranges: 2 } });
    const { result } = await measure(served.byStatus);
    expect(result).toEqual([
      { status: 'draft', n: 90, views: expect.any(Number), mean: expect.any(Number) },
      { status: 'published', n: 30, views: expect.any(Number), mean: expect.any(Number) },
    ]);
    // Soft-deleted notes are out of the buckets; the null rank is a group, as in SQL.
    expect((await measure(served.notesByRank)).result).toEqual([
      { rank: null, n: 1 },
      { rank: 1, n: 1 },
      { rank: 2, n: 1 },
      { rank: 3, n: 1 },
    ]);
  });

  it('explain() names the aggregate index, or says the rows are read and grouped', async () => {
    const { t, measure } = await world();
    await backfillAll(t);
    const { result } = await measure(async (db, ids) => ({
      byStatus: served.byStatus(db).explain().aggregate,
      oneStatus: served.oneStatus(db, ids).explain().aggregate,
      distinct: db
        .select({ n: countDistinct(posts.title) })
        .from(posts)
        .explain().aggregate,
    }));
    expect(result).toEqual({
      byStatus: 'aggregate index posts_by_status_author; while building: the bounded read below',
      oneStatus: expect.stringMatching(
        /^aggregate index posts_by_status_author \(status = "draft", authorId >= "[^"]+"\)/,
      ),
      distinct: 'none: the rows below are read and grouped',
    });
  });

  it('falls back to the bounded read for what the index does not keep: distinct, nullable count, other filters, joins, withDeleted', async () => {
    const { t, measure } = await world();
    await backfillAll(t);
    const { result, reads } = await measure(async (db, ids) => {
      const explained = [
        db.select({ n: countDistinct(posts.status) }).from(posts),
        db
          .select({ n: count(posts.views) })
          .from(posts)
          .groupBy(posts.authorId),
        db.select({ n: count() }).from(posts).where(eq(posts.title, 'p3')),
        db.select({ title: posts.title, n: count() }).from(posts).groupBy(posts.status, posts.title),
        db
          .select({ name: authors.name, n: count() })
          .from(authors)
          .innerJoin(posts, eq(posts.authorId, authors._id))
          .groupBy(authors._id),
        db.select({ rank: notes.rank, n: count() }).from(notes).groupBy(notes.rank).withDeleted(),
      ].map((query) => query.explain().aggregate);
      return {
        explained,
        nullable: await db
          .select({ n: count(posts.views) })
          .from(posts)
          .where(eq(posts.authorId, ids.a as never)),
        deleted: await db
          .select({ rank: notes.rank, n: count() })
          .from(notes)
          .groupBy(notes.rank)
          .withDeleted()
          .orderBy(asc(notes.rank)),
      };
    });
    expect(new Set(result.explained)).toEqual(new Set(['none: the rows below are read and grouped']));
    expect(result.nullable).toEqual([{ n: 32 }]);
    expect(result.deleted).toEqual([
      { rank: null, n: 1 },
      { rank: 1, n: 2 },
      { rank: 2, n: 2 },
      { rank: 3, n: 1 },
    ]);
    // Author a's 40 posts through by_author (the nullable count reads rows), then the 6 notes.
    expect(reads.documents).toBe(46);
  });

  it('a read rule the index cannot apply falls back to the rows the caller sees', async () => {
    const { t, ids, measure } = await world();
    await backfillAll(t);
    // A function rule (the buckets cannot tell which rows pass it) and an object rule no key range answers.
    const functionRule = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: (row) => row.status === 'published' } })),
    });
    const objectRule = createOrm({
      relations,
      rules: defineRules(relations, () => ({ posts: { read: { OR: [{ status: 'published' }, { views: -1 }] } } })),
    });
    for (const on of [functionRule, objectRule]) {
      const grouped = await measure(
        (db) => served.byStatus(db).then((rows) => ({ rows, explain: served.byStatus(db).explain().aggregate })),
        on as never,
      );
      expect(grouped.result.rows).toEqual([
        { status: 'published', n: 30, views: expect.any(Number), mean: expect.any(Number) },
      ]);
      expect(grouped.result.explain).toBe('none: the rows below are read and grouped');
      // Every post is read (the rule needs the rows), none of the hidden ones counted.
      expect(grouped.reads.documents).toBe(120);
      const counted = await measure((db) => db.$count(posts, eq(posts.authorId, ids.a as never)), on as never);
      expect(counted.result).toBe(10);
      expect(counted.reads.documents).toBe(40);
    }
  });

  it('$count is lazy: nothing is read until it is awaited, and a bad filter rejects', async () => {
    const { measure } = await world();
    const { result, reads } = await measure(async (db) => {
      const pending = db.$count(posts);
      const bad = db.$count(posts, and());
      return { bad: await bad.then(String, (error: { code: string }) => error.code), thenable: 'then' in pending };
    });
    expect(result).toEqual({ bad: 'INVALID_FILTER', thenable: true });
    expect(reads.documents).toBe(0);
  });
});
