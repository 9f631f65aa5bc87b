import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { backfillPriority } from './fixtures';
import { countOf, migrationBackend, seedTodos, todos } from './harness';

describe('dry run', () => {
  it('walks the whole table in batches, counts what would change, keeps sample diffs, writes nothing', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 25);
    const before = await todos(backend.t);

    const run = await backend.run({ direction: 'up', dryRun: true, batchSize: 4 });
    expect(run).toMatchObject({ status: 'dry_run', dryRun: true, chunks: 7 });
    expect(run.progress).toEqual([
      {
        migrationId: backfillPriority.id,
        status: 'dry_run',
        processed: 25,
        changed: 13,
        samples: [0, 2, 4].map((i) => ({ _id: before[i]!._id, before: {}, after: { priority: 'medium' } })),
      },
    ]);
    expect(await todos(backend.t)).toEqual(before);
    expect(await backend.t.run((ctx) => ctx.db.query('migration_state').collect())).toEqual([]);
    expect(await backend.status()).toMatchObject({ applied: [], pending: [backfillPriority.id], activeRun: null });
  });

  it('rolls back whatever migrateOne itself wrote', async () => {
    const writer = defineMigration<DataModel>({
      id: '20260101_000000_writes_elsewhere',
      up: {
        table: 'todos',
        migrateOne: async (ctx, doc) => {
          await ctx.db.insert('groups', { name: doc.title });
          return ctx.dryRun ? { done: true } : undefined;
        },
      },
    });
    const backend = migrationBackend(defineMigrationSet([writer]));
    await seedTodos(backend.t, 5);
    const run = await backend.run({ direction: 'up', dryRun: true });
    expect(run.progress[0]).toMatchObject({ processed: 5, changed: 5 });
    expect(await countOf(backend.t, 'groups')).toBe(0);
    expect((await todos(backend.t)).every((todo) => todo.done === false)).toBe(true);
  });

  it('previews a down run the same way', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 6);
    await backend.run({ direction: 'up' });
    const run = await backend.run({ direction: 'down', dryRun: true });
    expect(run.progress[0]).toMatchObject({ status: 'dry_run', processed: 6, changed: 3 });
    expect(run.progress[0]!.samples![0]).toMatchObject({ before: { priority: 'medium' }, after: {} });
    expect((await todos(backend.t)).filter((todo) => todo.priority === 'medium')).toHaveLength(3);
  });
});
