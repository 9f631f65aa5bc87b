import { getDocumentSize } from 'convex/values';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend } from './harness';

const MiB = 1024 * 1024;

describe('a migration failure is recorded within Convex’s document limit', () => {
  it('migrateOne throwing an error whose message is over 1 MiB: failed, recorded, no document over 1 MiB', async () => {
    const set = defineMigrationSet([
      defineMigration<DataModel>({
        id: '20260101_000000_throws_big',
        up: {
          table: 'todos',
          migrateOne: async (_ctx, doc) => {
            // e.g. `throw new Error(\`unexpected document ${JSON.stringify(doc)}\`)` over a large document
            throw new Error(`unexpected document ${doc._id}: ${'x'.repeat(1100 * 1024)}`);
          },
        },
      }),
    ]);
    const backend = migrationBackend(set, orm, internalMutation, true);
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 't', done: false });
    });
    const run = await backend.run({ direction: 'up' });
    const sizes = await backend.t.run(async (ctx) => {
      const out: Record<string, number[]> = {};
      for (const table of ['migration_run', 'migration_state'])
        out[table] = (await (ctx.db as any).query(table).collect()).map((d: any) => getDocumentSize(d));
      return out;
    });
    expect(run.status).toBe('failed');
    // Stored cut to a few KiB with a note, and `migrate status` shows that message.
    const [todo] = await backend.t.run((ctx) => ctx.db.query('todos').collect());
    expect(run.lastErrorDocumentId).toBe(todo!._id);
    expect(run.lastError).toContain(`unexpected document ${todo!._id}: xxxx`);
    expect(run.lastError).toMatch(/… \[cut: \d+ of \d+ characters not recorded\]$/);
    expect(run.lastError!.length).toBeLessThan(5 * 1024);
    const states: { lastError?: string }[] = await backend.t.run((ctx) =>
      (ctx.db as any).query('migration_state').collect(),
    );
    expect(states.map((state) => state.lastError)).toEqual([run.lastError]);
    // Convex refuses documents over 1 MiB (convex-test does not check): the recorded failure must fit.
    expect(
      Object.values(sizes)
        .flat()
        .filter((s) => s > MiB),
      JSON.stringify(sizes),
    ).toEqual([]);
  }, 20_000);
});
