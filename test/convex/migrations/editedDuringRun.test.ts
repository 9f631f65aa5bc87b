import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

// A migration that is not applied may be edited (docs/migrations.md, "Resume"): a developer who
// sees a bug while `migrate up` runs deploys the fix. The run goes on with the deployed code,
// yet records as applied the checksum it was queued with, so the migration as deployed is drift.
const markTodos = (priority: 'low' | 'high') =>
  defineMigration<DataModel>({
    id: '20260101_000000_mark_todos',
    up: { table: 'todos', migrateOne: async () => ({ priority }) },
  });

describe('a migration edited (and deployed) while its run is in progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends without drift: the migration is applied with the checksum of the code deployed (or restarted), never blocked as edited after it applied', async () => {
    const backend = migrationBackend(defineMigrationSet([{ migration: markTodos('low'), checksum: 'first' }]));
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const started = await backend.start({ direction: 'up', batchSize: 2 });
    if (started.status !== 'running') throw new Error('not started');
    await backend.step();
    // The fix is deployed between two chunks.
    backend.deploy(defineMigrationSet([{ migration: markTodos('high'), checksum: 'fixed' }]));
    for (let i = 0; i < 5; i++) await backend.step();
    expect((await backend.status(started.runId)).run!.status).not.toBe('running');
    // Observed: the run completes, the last four todos written by the fixed code, and the
    // migration is recorded as applied with checksum 'first' while the deployed one is 'fixed':
    // "Applied migration '20260101_000000_mark_todos' checksum drift detected", every later run blocked.
    expect((await backend.status()).drift).toEqual([]);
    const next = await backend.start({ direction: 'up' });
    expect(next.status).not.toBe('drift_blocked');
    if (next.status === 'running') for (let i = 0; i < 5; i++) await backend.step();
    expect((await todos(backend.t)).every((todo) => todo.priority != null)).toBe(true);
    expect((await backend.status()).applied.map((item) => item.migrationId)).toEqual(['20260101_000000_mark_todos']);
  });
});
