import type { GenericId } from 'convex/values';
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { migrationBackend, todos } from './harness';

const KiB = 1024;

// docs/migrations.md: migrateOne's ctx.db writes are reserved before they are made, "so a batch
// they fill is retried smaller". A patch through it reads the whole document it changes: here
// each todo's migrateOne renames a 500 KiB group the batch never read (its id is the todo's title),
// on a deployment that reads 3 MiB per transaction, so a batch of 10 todos reads 5 MiB of groups.
describe("migrateOne's raw ctx.db patches read the documents they change", () => {
  it('patches of large documents fill the batch: it is retried smaller and the run completes', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_rename_todo_groups',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              await ctx.db.patch(doc.title as GenericId<'groups'>, { name: 'renamed' });
              return { done: true };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      { bytesRead: 3 * 1024 * KiB },
    );
    await backend.t.run(async (ctx) => {
      for (let i = 0; i < 10; i++) {
        const groupId = await ctx.db.insert('groups', { name: 'g'.repeat(500 * KiB) });
        await ctx.db.insert('todos', { title: groupId, done: false });
      }
    });
    const run = await backend.run({ direction: 'up', batchSize: 10 });
    // Observed before: failed, "... Read too much data in a single function execution (limit:
    // 2359380 bytes). This is a Convex limit: ...": each patch was reserved as 0 bytes read.
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
    const names = await backend.t.run(async (ctx) => (await ctx.db.query('groups').collect()).map((g) => g.name));
    expect(names).toEqual(Array.from({ length: 10 }, () => 'renamed'));
  });
});
