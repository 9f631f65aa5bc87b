import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

/**
 * Pins a documented limit (docs/migrations.md, "Only documents that need work" and "Limits"): a
 * range walk sees a document once, at its index position when the walk passes it. The docs' own
 * range, `by_done` with `done = false`; under live traffic the app reopens a todo that was closed
 * when the run started (an update, not an insert, that sets only `done`). In `by_done` it lands
 * at its `_creationTime` inside `done = false`, behind the cursor: the run completes without it.
 * Re-walking the range until nothing changes would migrate documents twice when `migrateOne` is
 * not idempotent, so the run does not; a new migration with the same step picks up what is left.
 */
const backfillOpen = defineMigration<DataModel>({
  id: '20260101_000000_backfill_open_priority',
  up: {
    table: 'todos',
    range: (q) => q.withIndex('by_done', (r) => r.eq('done', false)),
    migrateOne: async (_ctx, doc) => (doc.priority == null ? { priority: 'medium' } : undefined),
  },
});

describe('a range step while the app moves a document into the range behind its cursor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the run does not migrate the todo reopened behind its cursor; a new migration of the same step does', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillOpen]));
    const ids = await backend.t.run(async (ctx) => {
      const out = [];
      for (let i = 0; i < 8; i++) out.push(await ctx.db.insert('todos', { title: `t${i}`, done: i === 0 }));
      return out;
    });
    const started = await backend.start({ direction: 'up', batchSize: 3 });
    if (started.status !== 'running') throw new Error('not started');
    await backend.step(); // t1, t2, t3 migrated; the cursor is at t3 in by_done[false]
    // The app reopens t0 (closed at the start): by_done[false, t0's _creationTime] is behind the cursor.
    await backend.t.run((ctx) => ctx.db.patch(ids[0]!, { done: false }));
    for (let i = 0; i < 5; i++) await backend.step();
    const run = (await backend.status(started.runId)).run!;
    expect(run).toMatchObject({ status: 'completed', progress: [{ processed: 7, changed: 7 }] });
    const unmigrated = async () =>
      (await todos(backend.t)).filter((todo) => !todo.done && todo.priority == null).map((todo) => todo.title);
    expect(await unmigrated()).toEqual(['t0']);
    // The migration is applied: `migrate up` does not walk it again.
    expect(await backend.start({ direction: 'up' })).toMatchObject({ status: 'noop' });

    // A new migration with the same step walks the range again: the open todos, of which only t0
    // needs the change (migrateOne skips the others).
    backend.deploy(defineMigrationSet([backfillOpen, { ...backfillOpen, id: '20260102_000000_backfill_reopened' }]));
    const again = await backend.start({ direction: 'up' });
    if (again.status !== 'running') throw new Error('not started');
    await backend.step();
    expect((await backend.status(again.runId)).run).toMatchObject({
      status: 'completed',
      progress: [{ processed: 8, changed: 1 }],
    });
    expect(await unmigrated()).toEqual([]);
  });
});
