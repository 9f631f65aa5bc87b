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

/** The run's error, and the titles of the todos afterwards (nothing of a failed batch persists). */
async function outcome(backend: ReturnType<typeof migrationBackend>, run: RunView) {
  const grown = (await todos(backend.t)).filter((todo) => todo.title === big).length;
  return { status: run.status, lastError: run.lastError, grown };
}

describe("a migration batch's writes within Convex's transaction limits (convex-test enforcing them)", () => {
  it.each(['safe_bypass', 'normal'] as const)(
    '%s: 64 patches of 300 KiB in one batch (19 MiB) fail before writing with WRITE_BUDGET_EXCEEDED, not Convex’s error',
    async (writeMode) => {
      const backend = migrationBackend(growTitles(writeMode), orm, internalMutation, true);
      await backend.t.run(async (ctx) => {
        for (let i = 0; i < 64; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
      });
      const run = await backend.run({ direction: 'up', batchSize: 64 });
      expect(await outcome(backend, run)).toEqual({
        status: 'failed',
        lastError: expect.stringMatching(
          /^Migration '20260101_000000_grow_titles' \(up\) failed on document \w+ of table "todos": Writing to "todos" would take the transaction past \d+ bytes written \(\d+ used, \d+ more; Convex stops at 16777216\); split the statement/,
        ),
        grown: 0,
      });
      // A smaller batch size goes through.
      expect((await backend.run({ direction: 'up', batchSize: 16 })).status).toBe('completed');
    },
    60_000,
  );

  it('safe_bypass: more patches than a deployment writes per transaction (50) fail typed, naming documents written', async () => {
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
    expect(run.status).toBe('failed');
    expect(run.lastError).toMatch(/Writing to "todos" would take the transaction past \d+ documents written/);
    expect((await todos(backend.t)).filter((todo) => todo.done)).toEqual([]);
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
