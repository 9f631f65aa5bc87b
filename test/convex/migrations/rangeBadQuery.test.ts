import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import type { DataModel } from '../../../example/convex/_generated/dataModel';
import { migrationBackend, seedTodos } from './harness';

/**
 * A step's `range` is user input. One that does not give a query (a missing `return` in a block
 * body, a `.collect()` left on the end) fails the run with MIGRATION_CONFIG naming the migration,
 * its `range` and what to return, not with the runtime's TypeError of calling `paginate` on it.
 */
describe('a step whose range gives no query', () => {
  it.each([
    [
      'a block body without return',
      (q: any) => {
        q.withIndex('by_done', (r: any) => r.eq('done', false));
      },
    ],
    ['a collected query', (q: any) => q.withIndex('by_done', (r: any) => r.eq('done', false)).collect()],
  ])('%s: the run fails with a MIGRATION_CONFIG error naming the migration and its range', async (_name, range) => {
    const backend = migrationBackend(
      defineMigrationSet([
        defineMigration<DataModel>({
          id: '20260101_000000_bad_range',
          up: { table: 'todos', range: range as never, migrateOne: async () => ({ priority: 'low' }) },
        }),
      ]),
    );
    await seedTodos(backend.t, 2);
    const run = await backend.run({ direction: 'up' });
    expect(run.status).toBe('failed');
    expect(run.lastError).toMatch(/20260101_000000_bad_range/);
    expect(run.lastError).toMatch(/\(up\): `range` of its up step must return the query to walk/);
    expect(run.lastError).not.toMatch(/Cannot read properties|is not a function/);
  });
});
