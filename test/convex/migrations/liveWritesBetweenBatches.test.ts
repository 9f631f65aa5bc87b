import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

// Pins (a passing check of the migrations review): the app inserts, updates and deletes todos between
// a run's batches (the cursor's own document deleted), walked by _creationTime and by range, in both
// write modes: every row is migrated exactly once.
// A non-idempotent step (appends '!'): a document migrated twice shows '!!', one skipped shows none.
const appendBang = (writeMode: WriteMode, ranged: boolean) =>
  defineMigration<DataModel>({
    id: '20260101_000000_append_bang',
    up: {
      table: 'todos',
      writeMode,
      range: ranged ? (q) => q.withIndex('by_done', (r) => r.eq('done', false)) : undefined,
      migrateOne: async (_ctx, doc) => ({ title: `${doc.title}!` }),
    },
  });

describe('app writes between batches (live traffic)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['safe_bypass', false],
    ['normal', false],
    ['safe_bypass', true],
    ['normal', true],
  ] as const)(
    '%s (range %s): inserts, updates and deletes, the cursor document deleted: each row once',
    async (writeMode, ranged) => {
      const backend = migrationBackend(defineMigrationSet([appendBang(writeMode, ranged)]));
      const ids = await backend.t.run(async (ctx) => {
        const out = [];
        for (let i = 0; i < 12; i++) out.push(await ctx.db.insert('todos', { title: `t${i}`, done: false }));
        return out;
      });
      const started = await backend.start({ direction: 'up', batchSize: 4 });
      if (started.status !== 'running') throw new Error('not started');
      await backend.step();
      // First batch migrated t0..t3. The app now deletes the cursor's document (t3) and one ahead (t6),
      // updates one behind (t1) and one ahead (t8), and inserts a new todo.
      await backend.t.run(async (ctx) => {
        await ctx.db.delete(ids[3]!);
        await ctx.db.delete(ids[6]!);
        await ctx.db.patch(ids[1]!, { priority: 'low' });
        await ctx.db.patch(ids[8]!, { priority: 'high' });
        await ctx.db.insert('todos', { title: 'new', done: false });
      });
      for (let i = 0; i < 6; i++) await backend.step();
      const run = (await backend.status(started.runId)).run!;
      expect(run.status).toBe('completed');
      expect((await todos(backend.t)).map((todo) => todo.title)).toEqual([
        't0!',
        't1!',
        't2!',
        't4!',
        't5!',
        't7!',
        't8!',
        't9!',
        't10!',
        't11!',
        'new!',
      ]);
      // t3 counts: it was migrated before the app deleted it.
      expect(run.progress[0]).toMatchObject({ processed: 12, changed: 12 });
    },
  );
});
