import { defineMigration, defineMigrationSet, type RunView } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend, todos } from './harness';

const KiB = 1024;
const big = 'x'.repeat(300 * KiB);

const growTitles = (writeMode: 'safe_bypass' | 'normal') =>
  defineMigrationSet([
    defineMigration<DataModel>({
      id: '20260101_000000_grow_titles',
      up: {
        table: 'todos',
        writeMode,
        migrateOne: async (_ctx, doc) => (doc.title === big ? undefined : { title: big }),
      },
    }),
  ]);

/** The run's error, and how many todos grew (nothing of a failed batch persists); read in halves, under 16 MiB each. */
async function outcome(backend: ReturnType<typeof migrationBackend>, run: RunView) {
  let grown = 0;
  for (const order of ['asc', 'desc'] as const) {
    const half = await backend.t.run((ctx) => ctx.db.query('todos').order(order).take(32));
    grown += half.filter((todo) => todo.title === big).length;
  }
  return { status: run.status, lastError: run.lastError, grown };
}

describe("a migration batch's writes within Convex's transaction limits (convex-test enforcing them)", () => {
  it.each(['safe_bypass', 'normal'] as const)(
    '%s: 64 patches of 300 KiB in one batch (19 MiB) stop at the write budget, and the batch is retried smaller',
    async (writeMode) => {
      const backend = migrationBackend(growTitles(writeMode), orm, internalMutation, true);
      await backend.t.run(async (ctx) => {
        for (let i = 0; i < 64; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
      });
      const run = await backend.run({ direction: 'up', batchSize: 64 });
      expect(await outcome(backend, run)).toEqual({ status: 'completed', lastError: null, grown: 64 });
      expect(run.progress).toEqual([expect.objectContaining({ processed: 64, changed: 64 })]);
      // The first batch was rolled back at about 40 patches (13 MiB), then batches of that size ran.
      expect(run.chunks).toBeGreaterThanOrEqual(3);
    },
    60_000,
  );

  it('a single patch past the write budget fails with WRITE_BUDGET_EXCEEDED, naming the document, not Convex’s error', async () => {
    const backend = migrationBackend(growTitles('safe_bypass'), orm, internalMutation, { bytesWritten: 200 * KiB });
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 2; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
    });
    const run = await backend.run({ direction: 'up' });
    expect(await outcome(backend, run)).toEqual({
      status: 'failed',
      lastError: expect.stringMatching(
        /^Migration '20260101_000000_grow_titles' \(up\) failed on document \w+ of table "todos": Writing to "todos" would take the transaction past \d+ bytes written/,
      ),
      grown: 0,
    });
  });

  it('safe_bypass: more patches than a deployment writes per transaction (50): the batch is retried smaller and completes', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_mark_done',
          up: { table: 'todos', migrateOne: async () => ({ done: true }) },
        }),
      ]),
      orm,
      internalMutation,
      { documentsWritten: 50 },
    );
    for (let part = 0; part < 2; part++) {
      await backend.t.run(async (ctx) => {
        for (let i = 0; i < 40; i++) await ctx.db.insert('todos', { title: `t${part}-${i}`, done: false });
      });
    }
    const run = await backend.run({ direction: 'up', batchSize: 80 });
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
  });

  it.each(['safe_bypass', 'normal'] as const)(
    '%s: a patch that makes a document larger than 1 MiB fails the batch with VALIDATION, writing nothing',
    async (writeMode) => {
      const backend = migrationBackend(
        defineMigrationSet([
          defineMigration<DataModel>({
            id: '20260101_000000_huge_title',
            up: { table: 'todos', writeMode, migrateOne: async () => ({ title: 'y'.repeat(1100 * KiB) }) },
          }),
        ]),
        orm,
        internalMutation,
        true,
      );
      await backend.t.run((ctx) => ctx.db.insert('todos', { title: 'small', done: false }));
      const run = await backend.run({ direction: 'up' });
      expect(run.status).toBe('failed');
      expect(run.lastError).toMatch(
        /A row of "todos" would be stored as a document of 11264\d\d bytes, over Convex's 1048576; store large values/,
      );
      expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['small']);
    },
    60_000,
  );
});
