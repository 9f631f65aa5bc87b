import { describe, expect, it } from 'vitest';
import { sql } from '../../../src/index';
import { countReads } from '../../../src/testing/index';
import { backend, backfillAll, orm, posts, twoAuthors } from './fixture';

const countByAuthor = orm.query.posts.count({ where: { authorId: sql.placeholder('author') } }).prepare('byAuthor');

/** 30 posts by author a, none by b. */
async function thirtyPosts(run: ReturnType<typeof backend>['run']) {
  return run(async (db) => {
    const [a] = await twoAuthors(db);
    await db.insert(posts).values(
      Array.from({ length: 30 }, (_, i) => ({
        title: `x${i}`,
        authorId: a!._id,
        status: 'draft' as const,
        views: i,
      })),
    );
    return a!._id;
  });
}

type Count = { explain(): PromiseLike<unknown> } & PromiseLike<number>;

/** The prepared and the unprepared count of `author`'s posts: results, awaited explains, and the reads of each count. */
function bothCounts(t: ReturnType<typeof backend>['t'], author: string) {
  return t.run(async (raw) => {
    const measure = async (query: (ctx: never) => Count) => {
      const { ctx, reads } = countReads(raw);
      const explain = await query(ctx as never).explain();
      const before = { ...reads };
      const count = await query(ctx as never);
      return {
        count,
        explain,
        reads: { documents: reads.documents - before.documents, ranges: reads.ranges - before.ranges },
      };
    };
    return {
      prepared: await measure((ctx) => countByAuthor.execute(ctx, { author: author as never })),
      direct: await measure((ctx) => orm.db(ctx).query.posts.count({ where: { authorId: author as never } })),
    };
  });
}

describe('a prepared count', () => {
  it('explain() names the aggregate index that serves it, as count().explain() does, and reads what it says', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    const author = await thirtyPosts(run);
    const { prepared, direct } = await bothCounts(t, author);
    expect(prepared.count).toBe(30);
    expect(direct.count).toBe(30);
    const { prepared: how, ...plan } = prepared.explain as { prepared: string };
    expect(plan).toEqual(direct.explain);
    expect(plan).toMatchObject({ aggregate: expect.stringContaining('posts_by_author') });
    expect(how).toMatch(/^per execution: a count picks its read/);
    // The state and the key's bucket shards, as the unprepared count reads.
    expect(prepared.reads).toEqual(direct.reads);
    expect(prepared.reads.documents).toBeLessThan(30);
  });

  it('explain() says the bounded scan runs while the aggregate index is not built', async () => {
    const { t, run } = backend();
    const author = await thirtyPosts(run);
    const { prepared, direct } = await bothCounts(t, author);
    expect(prepared.count).toBe(30);
    const { prepared: _how, ...plan } = prepared.explain as { prepared: string };
    expect(plan).toEqual(direct.explain);
    expect(plan).toMatchObject({ index: 'by_author', aggregate: expect.stringMatching(/^building: /) });
    expect(prepared.reads).toEqual(direct.reads);
    expect(prepared.reads.documents).toBeGreaterThanOrEqual(30);
  });
});
