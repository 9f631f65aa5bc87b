import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { shoutTitles } from './fixtures';
import { migrationBackend, seedTodos } from './harness';

// A down run in progress; a deploy (its migration partially reverted, so editable) drops the down
// step. The next batch has no step to run: the run should fail with the runtime's typed
// MIGRATION_CONFIG message naming the migration (as for a migration that left the manifest), not a TypeError.
describe('a down run whose migration loses its down step while the run is in progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails with a message naming the migration and its missing down step, not a TypeError', async () => {
    const shout = shoutTitles('20260101_000000_shout');
    const backend = migrationBackend(defineMigrationSet([shout]));
    await seedTodos(backend.t, 6);
    const up = await backend.start({ direction: 'up' });
    if (up.status !== 'running') throw new Error('not started');
    await backend.step();
    const down = await backend.start({ direction: 'down', batchSize: 2 });
    if (down.status !== 'running') throw new Error('not started');
    await backend.step();
    backend.deploy(defineMigrationSet([defineMigration<DataModel>({ id: shout.id, up: shout.up as never })]));
    await backend.step();
    const run = (await backend.status(down.runId)).run!;
    expect(run.status).toBe('failed');
    // Observed: "Cannot read properties of undefined (reading 'batchSize')" (or 'table').
    expect(run.lastError).not.toMatch(/Cannot read properties of undefined/);
    expect(run.lastError).toContain(`Migration '${shout.id}' of down run`);
    expect(run.lastError).toContain('has no down step any more');
  });
});
