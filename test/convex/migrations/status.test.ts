import { anyApi } from 'convex/server';
import { isOrmError } from 'convex-orm';
import { defineMigrationSet } from 'convex-orm/migrations';
import { countReads } from 'convex-orm/testing';
import { describe, expect, it } from 'vitest';
import { orm } from '../../../example/convex/orm';
import { readStatus } from '../../../src/migrations/status';
import { backfillPriority } from './fixtures';
import { migrationBackend } from './harness';

const migrations = defineMigrationSet([backfillPriority]);
const runtime = { orm, migrations, self: anyApi.testMigrations as never, defaultBatchSize: 128 };

/** `count` state documents and `failed` failed runs, straight into the state tables. */
async function history(backend: ReturnType<typeof migrationBackend>, count: number, failed: number) {
  await backend.t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      const migrationId = `20250101_000000_m${i}`;
      await ctx.db.insert('migration_state', {
        migrationId,
        checksum: 'x',
        applied: false,
        status: 'completed',
        cursor: null,
        processed: 0,
        updatedAt: i,
      });
    }
    for (let i = 0; i < failed; i++) {
      await ctx.db.insert('migration_run', {
        runId: `run${i}`,
        direction: 'up',
        status: 'failed',
        dryRun: false,
        migrationIds: ['a'],
        currentIndex: 0,
        startedAt: i,
        updatedAt: i,
        cancelRequested: false,
        lastError: `boom ${i}`,
      });
    }
  });
}

describe('status', () => {
  it('is bounded: the state documents, the active, last finished and requested runs, and the five latest failures', async () => {
    const backend = migrationBackend(migrations);
    await history(backend, 12, 30);
    const { status, reads } = await backend.t.run(async (ctx) => {
      const counted = countReads(ctx);
      const result = await readStatus(counted.ctx as never, runtime, 'run3');
      return { status: result, reads: counted.reads };
    });
    // 6 ranges: the last is the aggregate_state read for indexes no longer in the schema (none here).
    expect(reads).toEqual({ documents: 12 + 2 + 1 + 5, ranges: 6 });
    expect(status.failures.map((failure) => failure.error)).toEqual([
      'boom 29',
      'boom 28',
      'boom 27',
      'boom 26',
      'boom 25',
    ]);
    expect(status.run).toMatchObject({ runId: 'run3', status: 'failed' });
    expect(status.lastRun).toMatchObject({ runId: 'run29', status: 'failed', lastError: 'boom 29' });
    expect(status.activeRun).toBeNull();
  });

  it('refuses more state documents than it reads, with a clear error', async () => {
    const backend = migrationBackend(migrations);
    await history(backend, 1001, 0);
    const error = await backend.status().catch((e: unknown) => e);
    expect(isOrmError(error, 'MIGRATION_CONFIG')).toBe(true);
    expect((error as Error).message).toBe(
      'migration_state holds more than 1000 migrations; squash old migrations into one and delete their state documents.',
    );
  });
});
