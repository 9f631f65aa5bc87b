import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend } from './harness';

const KiB = 1024;

// Pins (a passing check of the migrations review): documents near Convex's 1 MiB, each rewritten whole (a new 1,000 KiB title), on convex-test
// enforcing Convex's limits: the batch's page and writes stay within the transaction.
const rewrite = (writeMode: WriteMode) =>
  defineMigration<DataModel>({
    id: '20260101_000000_rewrite_titles',
    up: {
      table: 'todos',
      writeMode,
      migrateOne: async (_ctx, doc) => (doc.title.startsWith('x') ? { title: 'y'.repeat(1000 * KiB) } : undefined),
    },
  });

describe('documents near 1 MiB rewritten whole, Convex limits enforced', () => {
  it.each<WriteMode>(['safe_bypass', 'normal'])(
    '%s: the run completes with a large batch size',
    async (writeMode) => {
      const backend = migrationBackend(defineMigrationSet([rewrite(writeMode)]), orm, internalMutation, true);
      for (let half = 0; half < 4; half++) {
        await backend.t.run(async (ctx) => {
          for (let i = 0; i < 5; i++) await ctx.db.insert('todos', { title: 'x'.repeat(1000 * KiB), done: false });
        });
      }
      const run = await backend.run({ direction: 'up', batchSize: 64 });
      expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
      expect(run.progress[0]).toMatchObject({ processed: 20, changed: 20 });
      // Read back in pages of 5 (20 MiB would pass Convex's read limit in one t.run).
      let cursor: string | null = null;
      let rewritten = 0;
      for (;;) {
        const page: { page: { title: string }[]; isDone: boolean; continueCursor: string } = await backend.t.run(
          (ctx) => ctx.db.query('todos').paginate({ cursor, numItems: 5 }),
        );
        rewritten += page.page.filter((todo) => todo.title.startsWith('y')).length;
        if (page.isDone) break;
        cursor = page.continueCursor;
      }
      expect(rewritten).toBe(20);
    },
    60_000,
  );
});
