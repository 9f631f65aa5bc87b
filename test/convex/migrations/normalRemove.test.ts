import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, todos } from './harness';

const clearPriority = (id: string) =>
  defineMigration<DataModel>({
    id,
    up: { table: 'todos', writeMode: 'normal', migrateOne: async () => ({ priority: undefined }) },
  });

describe("'normal' writeMode: a patch that sets a nullable field to undefined", () => {
  it('stores null, and a later pass over the same documents finds nothing to change', async () => {
    const first = clearPriority('20260101_000000_clear_priority');
    const backend = migrationBackend(defineMigrationSet([first]));
    await backend.t.run(async (ctx) => {
      await ctx.db.insert('todos', { title: 'a', done: false, priority: 'high' });
      await ctx.db.insert('todos', { title: 'b', done: false, priority: 'low' });
      await ctx.db.insert('todos', { title: 'c', done: false });
    });
    const run = await backend.run({ direction: 'up' });
    expect(run.progress[0]).toMatchObject({ status: 'completed', processed: 3, changed: 2 });
    expect((await todos(backend.t)).map((todo) => todo.priority)).toEqual([null, null, undefined]);

    // The same step again, as another migration: a dry run and a real run change nothing.
    const again = clearPriority('20260102_000000_clear_priority_again');
    backend.deploy(defineMigrationSet([first, again]));
    const preview = await backend.run({ direction: 'up', dryRun: true });
    expect(preview.progress[0]).toMatchObject({ status: 'dry_run', processed: 3, changed: 0, samples: [] });
    const second = await backend.run({ direction: 'up' });
    expect(second.progress[0]).toMatchObject({ status: 'completed', processed: 3, changed: 0 });
  });
});
