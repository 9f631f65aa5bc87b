import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { internalMutation } from '../../../example/convex/_generated/server';
import { orm } from '../../../example/convex/orm';
import { countOf, migrationBackend, todos } from './harness';

async function seed(backend: ReturnType<typeof migrationBackend>) {
  await backend.t.run(async (ctx) => {
    for (let i = 0; i < 40; i++) await ctx.db.insert('todos', { title: `t${i}`, done: false });
  });
}

// migrateOne's ctx.db is the batch's raw writer. Through ctx.orm the same work is metered and a
// batch too large is rolled back and retried smaller; a trigger's `raw` is metered too (a raw
// write makes the next ORM write ask Convex again). Through migrateOne's ctx.db nothing is:
// the patches are reserved against a meter that never saw those writes, and Convex's own
// limit error fails the run instead of the batch shrinking.
describe("migrateOne's raw ctx.db work counts on the batch's transaction budget", () => {
  it('an audit row written through ctx.db per document: the batch shrinks and the run completes', async () => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_mark_done_with_audit',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              await ctx.db.insert('groups', { name: `audit ${doc.title}` });
              return { done: true };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      { documentsWritten: 50 },
    );
    await seed(backend);
    const run = await backend.run({ direction: 'up', batchSize: 40 });
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.done)).toBe(true);
    expect(await countOf(backend.t, 'groups')).toBe(40);
  });

  it('a parent read through ctx.db.get per document: the batch shrinks and the run completes', async () => {
    let groupId: any;
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_copy_group_name',
          up: {
            table: 'todos',
            migrateOne: async (ctx, doc) => {
              const group = await ctx.db.get(groupId);
              return { title: `${doc.title} (${(group as any).name})` };
            },
          },
        }),
      ]),
      orm,
      internalMutation,
      { documentsRead: 100 },
    );
    groupId = await backend.t.run((ctx) => ctx.db.insert('groups', { name: 'g' }));
    await seed(backend);
    const run = await backend.run({ direction: 'up', batchSize: 40 });
    expect({ status: run.status, lastError: run.lastError }).toEqual({ status: 'completed', lastError: null });
    expect((await todos(backend.t)).every((todo) => todo.title.endsWith('(g)'))).toBe(true);
  });
});
