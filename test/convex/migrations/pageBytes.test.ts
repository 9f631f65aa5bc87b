import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { MIGRATION_PAGE_BYTES } from '../../../src/migrations/batch';
import { backfillPriority } from './fixtures';
import { migrationBackend, todos } from './harness';

describe('page size in bytes', () => {
  it('a batch of large documents stops its page at 4 MiB and the next batch goes on (16 MiB would pass Convex’s read limit)', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    const title = 'x'.repeat(1000 * 1024);
    for (let half = 0; half < 2; half++) {
      await backend.t.run(async (ctx) => {
        for (let i = 0; i < 8; i++) await ctx.db.insert('todos', { title, done: false });
      });
    }
    const run = await backend.run({ direction: 'up', batchSize: 64 });
    // Each page ends with the document that reaches 4 MiB: 5 documents of 1,000 KiB.
    expect(MIGRATION_PAGE_BYTES).toBe(4 * 1024 * 1024);
    expect(run).toMatchObject({ status: 'completed', chunks: 4 });
    expect(run.progress[0]).toMatchObject({ processed: 16, changed: 16 });
    expect((await todos(backend.t)).filter((todo) => todo.priority !== 'medium')).toEqual([]);
  }, 30_000);
});
