// @vitest-environment node
// `migrate up` (and so `convex-orm deploy`, whose strict `migrate up --prod` gates the deploy)
// applies every pending migration, and exits 0 only when it did (docs/migrations.md). A deploy
// pushed migration A and started its up run; before that run ends a second deploy pushes migration
// B and runs `migrate up`. `run` returns the active run (planned before B existed), which the CLI
// follows to its end; then it asks again, and B's run starts: nothing is left pending at exit 0.
// The migration tester (`convex-orm/testing`) does the same.
import { anyApi } from 'convex/server';
import { defineMigrationSet } from 'convex-orm/migrations';
import { migrationTester } from 'convex-orm/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main';
import { backfillPriority, tagTitles } from '../convex/migrations/fixtures';
import { migrationBackend, seedTodos, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo, stable, tempProject } from './io';

describe('migrate up while an older up run is active', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows it, then applies what it left pending', async () => {
    vi.useFakeTimers();
    const tag = tagTitles('20260102_000000_tag_titles', 'v2');
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 8);
    // The first deploy's `migrate up --no-wait` (or a deploy still waiting in another CI job).
    const first = await backend.start({ direction: 'up', batchSize: 2 });
    expect(first).toMatchObject({ status: 'running', migrationIds: [backfillPriority.id] });
    await backend.step();
    // The second deploy pushes tag_titles and runs `migrate up`.
    backend.deploy(defineMigrationSet([backfillPriority, tag]));
    const { io, output } = captureIo(tempProject({ functionsModule: TEST_MODULE }), backend.transport, {
      onSleep: () => backend.step(),
    });
    const code = await runCli(['migrate', 'up'], io);
    const pending = (await backend.status()).pending;
    // Exit 0 must mean nothing is left pending.
    expect({ code, pending, stdout: stable(output.stdout) }).toMatchObject({ code: 0, pending: [] });
  });

  it('migrationTester.up() follows it, then applies what it left pending', async () => {
    vi.useFakeTimers();
    const tag = tagTitles('20260102_000000_tag_titles', 'v2');
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 8);
    expect(await backend.start({ direction: 'up', batchSize: 2 })).toMatchObject({ status: 'running' });
    await backend.step();
    backend.deploy(defineMigrationSet([backfillPriority, tag]));
    const migrations = migrationTester(backend.t, {
      functions: anyApi[TEST_MODULE] as never,
      advanceTimers: () => vi.advanceTimersByTime(0),
    });
    expect(await migrations.up()).toMatchObject({ status: 'completed', migrationIds: [tag.id] });
    expect((await migrations.status()).pending).toEqual([]);
  });
});
