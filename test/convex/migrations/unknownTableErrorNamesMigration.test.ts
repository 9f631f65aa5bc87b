/**
 * A step whose `table` is not a table of the ORM's schema (a typo in a migration written with
 * `defineMigration` without `<DataModel>`, where `table` is any string; or a table dropped from the
 * ORM schema while an old migration still names it) fails its run with MIGRATION_CONFIG naming the
 * migration, its direction and the table (src/migrations/batch.ts deployedMigration), as a bad
 * `range` does, so the run's lastError in `migrate status` says which migration to fix. Found by
 * review.
 */
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos } from './harness';

describe('a step over a table the ORM schema does not have', () => {
  it('fails the run with an error naming the migration and direction', async () => {
    const typo = defineMigration({
      id: '20260101_000000_fill_todos',
      up: { table: 'tdoos', migrateOne: async () => ({ priority: 'medium' }) },
    });
    const backend = migrationBackend(defineMigrationSet([typo]));
    await seedTodos(backend.t, 2);
    const run = await backend.run({ direction: 'up' });
    expect(run.status).toBe('failed');
    expect(run.lastError).toContain('tdoos');
    expect(run.lastError).toContain("Migration '20260101_000000_fill_todos' (up)");
  });
});
