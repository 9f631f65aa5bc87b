import { describe, expect, it } from 'vitest';
import { countReads } from '../../src/testing/index';
import { blobs, limitedBackend, orm } from './limitsFixture';
import { rejection } from './mutationHarness';

// insert(...).returning() reads each inserted row back for its _creationTime, after the write: the
// write check reserves those reads with the writes, so a statement that could not make them fails
// typed before writing anything.
describe('insert(...).returning(): the reads back are checked before the write', () => {
  it('past the index-range budget it fails with SCAN_BUDGET_EXCEEDED and writes nothing', async () => {
    const t = limitedBackend({ databaseQueries: 50 });
    const code = await t.run(
      async (ctx) =>
        (
          await rejection(
            orm
              .db(ctx)
              .insert(blobs)
              .values(Array.from({ length: 60 }, (_, i) => ({ body: `b${i}` })))
              .returning(),
          )
        ).code,
    );
    expect(code).toBe('SCAN_BUDGET_EXCEEDED');
    expect(await t.run(async (ctx) => (await ctx.db.query('blobs').collect()).length)).toBe(0);
  });

  it('within the budget it returns the stored rows and counts one get per row, once', async () => {
    const t = limitedBackend({ databaseQueries: 50 });
    const { rows, reads } = await t.run(async (ctx) => {
      const { ctx: counted, reads } = countReads(ctx);
      const rows = await orm
        .db(counted as never)
        .insert(blobs)
        .values(Array.from({ length: 20 }, (_, i) => ({ body: `b${i}` })))
        .returning();
      return { rows, reads };
    });
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => typeof row._creationTime === 'number')).toBe(true);
    expect(reads).toEqual({ documents: 20, ranges: 20 });
  });
});
