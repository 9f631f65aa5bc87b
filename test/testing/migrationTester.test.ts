import { migrationTester } from 'convex-orm/testing';
import { convexTest } from 'convex-test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { internal } from '../../example/convex/_generated/api';
import schema from '../../example/convex/schema';
import { modules } from '../../example/convex/test.setup';

const BACKFILL = '20261201_014340_backfill_todo_priority';
const TRIM = '20261201_014345_trim_todo_titles';

/** The example app with three todos, and its migrations behind the tester. */
async function exampleApp(maxChunks?: number) {
  const t = convexTest(schema, modules);
  await t.run(async (ctx) => {
    await ctx.db.insert('todos', { title: '  buy milk ', done: false });
    await ctx.db.insert('todos', { title: 'ship it', done: true, priority: 'high' });
    await ctx.db.insert('todos', { title: 'call mom', done: false });
  });
  const migrations = migrationTester(t, {
    functions: internal.migrations,
    advanceTimers: () => vi.advanceTimersByTime(0),
    ...(maxChunks === undefined ? {} : { maxChunks }),
  });
  const rows = () => t.run((ctx) => ctx.db.query('todos').collect());
  return { t, migrations, rows };
}

describe('migrationTester', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the app’s migrations up and down in-process, draining every chunk', async () => {
    const { migrations, rows } = await exampleApp();
    expect((await migrations.status()).pending).toEqual([BACKFILL, TRIM]);

    const up = await migrations.up({ batchSize: 1 });
    expect(up).toMatchObject({ status: 'completed', direction: 'up', migrationIds: [BACKFILL, TRIM], chunks: 6 });
    expect((await rows()).map((todo) => [todo.title, todo.priority])).toEqual([
      ['buy milk', 'medium'],
      ['ship it', 'high'],
      ['call mom', 'medium'],
    ]);
    expect(await migrations.up()).toEqual({ status: 'noop', reason: 'every migration is applied' });

    // The newest applied one (trim) has no down step: roll back to the backfill instead.
    await expect(migrations.down()).rejects.toThrow(`Migration '${TRIM}' has no down step`);
    expect((await migrations.status()).applied.map((item) => item.migrationId)).toEqual([BACKFILL, TRIM]);
  });

  it('reports a dry run as it finished, and status shows it as the last run', async () => {
    const { migrations, rows } = await exampleApp();
    const dry = await migrations.up({ dryRun: true });
    expect(dry).toMatchObject({ status: 'dry_run', progress: [{ changed: 2 }, { changed: 1 }] });
    expect((await rows()).filter((todo) => todo.priority == null)).toHaveLength(2);
    expect(await migrations.cancel()).toEqual({ status: 'noop', reason: 'no active run' });
    const status = await migrations.status();
    expect(status.lastRun).toEqual(dry);
    expect(status.pending).toEqual([BACKFILL, TRIM]);
  });

  it('gives up with a clear error when a run needs more chunks than maxChunks', async () => {
    const { migrations } = await exampleApp(2);
    const error = await migrations.up({ batchSize: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'OrmError', code: 'MIGRATION_CONFIG' });
    expect((error as Error).message).toMatch(
      /^Migration run mr_\w+ is still running after 2 chunks; raise maxChunks, or check that fake timers are on\.$/,
    );
  });
});
