// @vitest-environment node
// A plain `migrate down` (no --steps, no --to) rolls back one migration. Asked while the same down
// run is active, it follows that run and does not ask again: asking again would roll back one more
// migration than asked (the CLI and the migration tester alike).
import { anyApi } from 'convex/server';
import { defineMigrationSet } from 'convex-orm/migrations';
import { migrationTester } from 'convex-orm/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main';
import { backfillPriority, tagTitles } from '../convex/migrations/fixtures';
import { migrationBackend, seedTodos, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo, tempProject } from './io';

const tag = tagTitles('20260102_000000_tag_titles', 'v2');

async function twoAppliedOneDownActive() {
  const backend = migrationBackend(defineMigrationSet([backfillPriority, tag]));
  await seedTodos(backend.t, 8);
  expect((await backend.run({ direction: 'up' })).status).toBe('completed');
  vi.useFakeTimers();
  // Another `migrate down` (one step back: the tag) is running.
  const first = await backend.start({ direction: 'down', batchSize: 2 });
  expect(first).toMatchObject({ status: 'running', migrationIds: [tag.id] });
  await backend.step();
  return backend;
}

describe('migrate down (one step) while the same down run is active', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the CLI follows it and rolls back nothing more', async () => {
    const backend = await twoAppliedOneDownActive();
    const { io } = captureIo(tempProject({ functionsModule: TEST_MODULE }), backend.transport, {
      onSleep: () => backend.step(),
    });
    await runCli(['migrate', 'down'], io);
    // One step back from [backfill, tag] leaves backfill applied.
    expect((await backend.status()).pending).toEqual([tag.id]);
  });

  it('migrationTester.down() follows it and rolls back nothing more', async () => {
    const backend = await twoAppliedOneDownActive();
    const migrations = migrationTester(backend.t, {
      functions: anyApi[TEST_MODULE] as never,
      advanceTimers: () => vi.advanceTimersByTime(0),
    });
    const outcome = await migrations.down();
    expect(outcome).toMatchObject({ status: 'completed', migrationIds: [tag.id] });
    expect((await migrations.status()).pending).toEqual([tag.id]);
  });
});
