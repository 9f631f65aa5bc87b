import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos } from './harness';

// migrateOne returns a partial patch or nothing to skip the document. Anything else (a boolean,
// a number, a Map built field by field) fails the batch naming the document: read by its
// entries it would change nothing, and a backfill that silently did nothing is then followed by
// the `.notNull()` deploy, which Convex refuses.
const returning = (value: unknown) =>
  defineMigration({
    id: '20260101_000000_bad_result',
    up: { table: 'todos', migrateOne: async () => value as never },
  });

describe('a migrateOne that returns something other than a patch object or nothing', () => {
  for (const [name, value] of [
    ['true', true],
    ['a number', 42],
    ['a Map of fields', new Map([['priority', 'medium']])],
  ] as const) {
    it(`${name}: the batch fails naming the document, instead of completing with 0 changed`, async () => {
      const backend = migrationBackend(defineMigrationSet([returning(value)]));
      await seedTodos(backend.t, 2);
      const run = await backend.run({ direction: 'up' });
      expect(run.status).toBe('failed');
      expect(run.lastError).toMatch(/failed on document .* of table "todos"/);
    });
  }
});
