import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { backfillPriority } from './fixtures';
import { migrationBackend, seedTodos, todos } from './harness';

describe('batching', () => {
  it('migrates 1,000 documents in batches of 64 in 16 chunks', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 1000);
    const run = await backend.run({ direction: 'up', batchSize: 64 });
    expect(run).toMatchObject({ status: 'completed', chunks: 16 });
    expect(run.progress[0]).toMatchObject({ processed: 1000, changed: 500 });
    expect((await todos(backend.t)).filter((todo) => todo.priority == null)).toEqual([]);
  }, 30_000);

  it("batch size: the run's batchSize over the step's own, the step's over the run's defaultBatchSize", async () => {
    const stepSized = { ...backfillPriority, up: { ...backfillPriority.up!, batchSize: 10 } };
    const chunksOf = async (args: { batchSize?: number; defaultBatchSize?: number }) => {
      const backend = migrationBackend(defineMigrationSet([stepSized]));
      await seedTodos(backend.t, 40);
      return (await backend.run({ direction: 'up', ...args })).chunks;
    };
    expect(await chunksOf({ defaultBatchSize: 256 })).toBe(4);
    expect(await chunksOf({ batchSize: 20, defaultBatchSize: 256 })).toBe(2);
    const unsized = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(unsized.t, 40);
    expect((await unsized.run({ direction: 'up', defaultBatchSize: 8 })).chunks).toBe(5);
  });

  it('measures 10,000 documents at batch size 256: 40 chunks (wall time printed)', async () => {
    const backend = migrationBackend(defineMigrationSet([backfillPriority]));
    await seedTodos(backend.t, 10_000);
    const started = performance.now();
    const run = await backend.run({ direction: 'up', batchSize: 256 });
    const seconds = (performance.now() - started) / 1000;
    console.log(`10,000 documents, batch size 256: ${run.chunks} chunks in ${seconds.toFixed(2)} s on convex-test`);
    expect(run).toMatchObject({ status: 'completed', chunks: 40 });
    expect(run.progress[0]).toMatchObject({ processed: 10_000, changed: 5000 });
  }, 60_000);
});
