import { getDocumentSize } from 'convex/values';
import { describe, expect, it } from 'vitest';
import { BucketDeltas } from '../../../src/aggregate/bucketDeltas';
import { backend, tables } from './fixture';

const [, postsTable, notesTable] = tables;
const [byAuthor, byStatusAuthor] = postsTable!.aggregateIndexes;
const byRank = notesTable!.aggregateIndexes[0]!;

/** A post row as a statement plans it (no `_id` yet). */
const post = (authorId: string, views: number | null = 1) => ({ title: 't', authorId, status: 'draft', views });

describe('BucketDeltas.reservation', () => {
  it('one bucket per distinct key of an unsharded index, whatever the rows', () => {
    const deltas = new BucketDeltas();
    for (let i = 0; i < 200; i++) deltas.addInsert(notesTable!, byRank, { body: 'n', rank: i % 50 }, i);
    expect(deltas.reservation()).toMatchObject({
      buckets: 50,
      documentsWritten: 50,
      // Per bucket its read by key, and the by_id range Convex reads for its patch or delete.
      indexRanges: 100,
      documentsRead: 100,
    });
  });

  it('rows to insert under a sharded key reserve their count, at most the shards', () => {
    const deltas = new BucketDeltas();
    for (let i = 0; i < 2; i++) deltas.addInsert(postsTable!, byAuthor!, post('a'), i);
    for (let i = 2; i < 8; i++) deltas.addInsert(postsTable!, byAuthor!, post('b'), i);
    expect(deltas.reservation().buckets).toBe(2 + 4);
  });

  it('a row moved within its bucket with the same values reserves nothing; a changed sum reserves its bucket', () => {
    const same = new BucketDeltas();
    same.add(postsTable!, byAuthor!, post('a'), 'id1', -1);
    same.add(postsTable!, byAuthor!, { ...post('a'), title: 'renamed' }, 'id1', 1);
    expect(same.reservation()).toMatchObject({ buckets: 0, documentsWritten: 0, bytesWritten: 0 });
    const changed = new BucketDeltas();
    changed.add(postsTable!, byAuthor!, post('a', 1), 'id1', -1);
    changed.add(postsTable!, byAuthor!, post('a', 2), 'id1', 1);
    expect(changed.reservation().buckets).toBe(1);
  });

  it('the bytes reserved are at least the size of the bucket documents written', async () => {
    const { t } = backend();
    const sizes = await t.run(async (ctx) => {
      const deltas = new BucketDeltas();
      const author = await ctx.db.insert('authors', { name: 'a'.repeat(100) });
      for (const [i, aggregate] of [byAuthor!, byStatusAuthor!].entries()) {
        deltas.addInsert(postsTable!, aggregate, post(author, 7), i);
      }
      const reserved = deltas.reservation();
      const id = await ctx.db.insert('posts', { ...post(author, 7) } as never);
      deltas.placeInserts(() => id);
      await deltas.apply(ctx.db as never, null);
      const buckets = await ctx.db.query('aggregate_bucket').collect();
      return { reserved: reserved.bytesWritten, written: buckets.reduce((sum, b) => sum + getDocumentSize(b), 0) };
    });
    expect(sizes.written).toBeGreaterThan(0);
    expect(sizes.reserved).toBeGreaterThanOrEqual(sizes.written);
  });
});
