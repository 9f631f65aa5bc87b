// Found by review: migrateOne returning an instance of an anonymous class (`new (class { priority = 'low' })()`,
// or any object whose constructor's name is '') failed the batch, as documented, but the message read
// "migrateOne returned a ; return an object of the fields to set ...": describeResult in
// src/migrations/patch.ts took the empty constructor name as a name. Now the message says what was
// returned (as it does for a prototype-less non-plain value: "an object that is not a plain object"),
// never a blank; docs/migrations.md step 2 says such a result "fails the batch ... (MIGRATION_FAILED
// naming the document, its message the validation error's)".
import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos } from './harness';

describe('migrateOne returning an instance of an anonymous class', () => {
  it('fails the batch with a message that says what was returned', async () => {
    const migration = defineMigration<any>({
      id: '20260101_000000_anonymous_class',
      up: {
        table: 'todos',
        migrateOne: async () =>
          new (class {
            priority = 'low';
          })(),
      },
    });
    const backend = migrationBackend(defineMigrationSet([migration]));
    await seedTodos(backend.t, 1);
    const run = await backend.run({ direction: 'up' });
    expect(run.status).toBe('failed');
    expect(run.lastError).toContain('migrateOne returned ');
    expect(run.lastError).not.toMatch(/returned an? ;/);
  });
});
