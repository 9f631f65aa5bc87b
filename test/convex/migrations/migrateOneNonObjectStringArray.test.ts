import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos } from './harness';

// docs/migrations.md (step 2): "anything else (`true`, a number, a string, an array, a `Map`) fails
// the batch with `VALIDATION` naming the document, rather than changing nothing; `_id` and
// `_creationTime` can be neither set nor removed."
const returning = (value: unknown) =>
  defineMigration({
    id: '20260101_000000_bad_result',
    up: { table: 'todos', migrateOne: async () => value as never },
  });

describe('docs/migrations.md: a migrateOne result that is no patch', () => {
  for (const [name, value] of [
    ['a string', 'medium'],
    ['an array', ['medium']],
  ] as const) {
    it(`${name}: the batch fails naming the document`, async () => {
      const backend = migrationBackend(defineMigrationSet([returning(value)]));
      await seedTodos(backend.t, 2);
      const run = await backend.run({ direction: 'up' });
      expect({ status: run.status, changed: (run as any).changed }).toMatchObject({ status: 'failed' });
      expect(run.lastError).toMatch(/failed on document .* of table "todos"/);
      expect(run.lastError).toMatch(/migrateOne returned/);
    });
  }
});
