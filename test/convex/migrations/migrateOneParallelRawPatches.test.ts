import type { GenericId } from 'convex/values';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend } from './harness';

// docs/migrations.md: migrateOne's ctx.db writes are reserved on the budget, estimated at Convex's
// largest document when the batch never read the one they change, and the meter asks Convex for
// what it really counted before refusing one. Here one todo's migrateOne renames 30 small groups
// at once (Promise.all, the usual Convex idiom): 30 x ~60 bytes read and written.
describe("migrateOne's raw patches made in parallel", () => {
  it('30 parallel ctx.db.patch of small groups the batch never read: the run completes', async () => {
    let groupIds: GenericId<'groups'>[] = [];
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_rename_groups_at_once',
          up: {
            table: 'todos',
            migrateOne: async (ctx) => {
              await Promise.all(groupIds.map((id) => ctx.db.patch(id, { name: 'renamed' })));
              return { done: true };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      true,
    );
    groupIds = await backend.t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 't', done: false });
      const ids: GenericId<'groups'>[] = [];
      for (let i = 0; i < 30; i++) ids.push(await ctx.db.insert('groups', { name: `g${i}` }));
      return ids;
    });
    const run = await backend.run({ direction: 'up' });
    // Observed: failed, 'Writing to "the table of id ...groups" (a raw write) would take the
    // transaction past 13631488 bytes written (12587319 used, 1048576 more; ...)': a patch is refused
    // on the 1 MiB estimates of the ones before it while the sync a previous patch started is pending
    // (that sync cleared the meter's "raw writes since the last sync" flag).
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    const names = await backend.t.run(async (ctx) => (await ctx.db.query('groups').collect()).map((g) => g.name));
    expect(names).toEqual(groupIds.map(() => 'renamed'));
  });
});
