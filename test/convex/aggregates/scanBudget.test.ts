import { describe, expect, it } from 'vitest';
import { countReads } from '../../../src/testing/index';
import { authors, backend, backfillAll, orm, posts } from './fixture';

// A served aggregate read charges its bucket (and extrema) reads to the query's one scan budget,
// as docs/aggregates.md says: a `_count` per parent cannot read past it by starting a fresh one.
describe('served aggregate reads and the scan budget', () => {
  async function fiveAuthorsWithTwelvePosts() {
    const { t, run } = backend();
    await backfillAll(t);
    const ids = await run((db) =>
      db
        .insert(authors)
        .values(Array.from({ length: 5 }, (_, i) => ({ name: `a${i}` })))
        .returning({ _id: authors._id }),
    );
    await run((db) =>
      db.insert(posts).values(
        ids.flatMap((author, a) =>
          Array.from({ length: 12 }, (_, i) => ({
            title: `p${a}-${i}`,
            authorId: author._id,
            status: 'draft' as const,
            views: i,
          })),
        ),
      ),
    );
    return t;
  }

  it('_count served by buckets for every parent counts against the query budget', async () => {
    const t = await fiveAuthorsWithTwelvePosts();
    const error = await t.run((ctx) =>
      orm
        .db(ctx as never)
        .query.authors.findMany({ columns: { name: true }, _count: { posts: true }, scanBudget: 5 })
        .then(
          () => null,
          (failure: { code?: string; message?: string }) => ({ code: failure.code, message: failure.message }),
        ),
    );
    expect(error).toMatchObject({ code: 'SCAN_BUDGET_EXCEEDED' });
    expect(error?.message).toContain('Aggregate read on "posts"');
  });

  it('within the budget the served counts are right and read buckets, not the posts', async () => {
    const t = await fiveAuthorsWithTwelvePosts();
    const { rows, documents } = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm
        .db(counted as never)
        .query.authors.findMany({ columns: { name: true }, _count: { posts: true }, scanBudget: 50 });
      return { rows, documents: reads.documents };
    });
    expect(rows.map((row) => row._count.posts)).toEqual([12, 12, 12, 12, 12]);
    // 5 authors, and per author its buckets and the index state: far fewer than the 60 posts.
    expect(documents).toBeLessThan(60);
  });
});
