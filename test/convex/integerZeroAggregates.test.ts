import { describe, expect, it } from 'vitest';
import { countReads } from '../../src/testing/index';
import { backend, backfillAll, notes, orm } from './aggregates/fixture';

// eq(col, 0) on an integer() column stays one equality, which an aggregate index serves (as
// `in [-0, 0]` for a while it was not: a count of the zero key scanned the rows).
describe('integer zero and aggregate indexes', () => {
  it('count({ where: { rank: 0 } }) is served by the aggregate index, as rank: 1 is', async () => {
    const { t, run } = backend();
    await backfillAll(t);
    await run((db) => db.insert(notes).values(Array.from({ length: 50 }, (_, i) => ({ body: `n${i}`, rank: i % 2 }))));
    const out = await t.run(async (ctx) => {
      const reads: Record<string, unknown> = {};
      for (const rank of [1, 0]) {
        const { ctx: counted, reads: r } = countReads(ctx);
        const count = await orm.db(counted as never).query.notes.count({ where: { rank } });
        reads[`rank ${rank}`] = { count, documents: r.documents };
      }
      return reads;
    });
    // Both keys: one state document and the key's single bucket shard.
    expect(out['rank 0']).toEqual({ count: 25, documents: (out['rank 1'] as any).documents });
  });
});
