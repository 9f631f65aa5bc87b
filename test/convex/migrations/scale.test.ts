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
