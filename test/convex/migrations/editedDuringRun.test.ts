import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { countOf, migrationBackend, todos } from './harness';

// A migration that is not applied may be edited (docs/migrations.md, "Resume"): a developer who
// sees a bug while `migrate up` runs deploys the fix. The run went on with the deployed code from
// the old code's cursor, and recorded as applied the checksum it was queued with, so the
// migration as deployed was drift. An edited migration starts over, as a later run starts it.
const ID = '20260101_000000_mark_todos';
const markTodos = (priority: 'low' | 'high') =>
  defineMigration<DataModel>({
    id: ID,
    up: { table: 'todos', migrateOne: async () => ({ priority }) },
  });

describe('a migration edited (and deployed) while its run is in progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function editedMidRun(edited: ReturnType<typeof defineMigration>) {
    const backend = migrationBackend(defineMigrationSet([{ migration: markTodos('low'), checksum: 'first' }]));
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 6; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
      for (let i = 0; i < 3; i++) await ctx.db.insert('groups', { name: `g${i}` });
    });
    const started = await backend.start({ direction: 'up', batchSize: 2 });
    if (started.status !== 'running') throw new Error('not started');
    await backend.step();
    // The fix is deployed between two chunks, after the old code committed its first batch.
    backend.deploy(defineMigrationSet([{ migration: edited, checksum: 'fixed' }]));
    for (let i = 0; i < 8; i++) await backend.step();
    return { backend, run: (await backend.status(started.runId)).run! };
  }

  it('starts it over with the deployed code and records that code as applied: no drift, nothing blocked', async () => {
    const { backend, run } = await editedMidRun(markTodos('high'));
    // Observed: completed with the first two todos 'low' (the old code's batch), the cursor kept,
    // and the migration applied with checksum 'first' while the deployed one is 'fixed':
    // "Applied migration '20260101_000000_mark_todos' checksum drift detected", every later run blocked.
    expect(run.status).toBe('completed');
    expect(run.progress).toEqual([{ migrationId: ID, status: 'completed', processed: 6, changed: 6, restarted: true }]);
    expect((await todos(backend.t)).map((todo) => todo.priority)).toEqual(Array(6).fill('high'));
    expect((await backend.status()).drift).toEqual([]);
    expect(await backend.start({ direction: 'up' })).toMatchObject({ status: 'noop' });
  });

  it('walks the table of the deployed step from its first document, not from the old table’s cursor', async () => {
    const { backend, run } = await editedMidRun(
      defineMigration<DataModel>({
        id: ID,
        up: { table: 'groups', migrateOne: async (_ctx, doc) => ({ name: `${doc.name}!` }) },
      }),
    );
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect(run.progress[0]).toMatchObject({ processed: 3, changed: 3, restarted: true });
    const names = await backend.t.run(async (ctx) => (await ctx.db.query('groups').collect()).map((g) => g.name));
    expect(names).toEqual(['g0!', 'g1!', 'g2!']);
    expect(await countOf(backend.t, 'groups')).toBe(3);
  });
});
