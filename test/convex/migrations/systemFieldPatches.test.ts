import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos, todos } from './harness';

// 'safe_bypass' validates the patch against the table's columns: a patch that removes a system
// field (`{ _creationTime: undefined }`: a patch built from a key list, or JS without the types)
// fails the batch with the ORM's VALIDATION message, as one that sets it does, before Convex's
// own refusal and with nothing written.
const removing = (field: '_id' | '_creationTime') =>
  defineMigration({
    id: '20260101_000000_remove_system_field',
    up: { table: 'todos', migrateOne: async () => ({ [field]: undefined }) as never },
  });

describe("a 'safe_bypass' patch removing a system field", () => {
  for (const field of ['_creationTime', '_id'] as const) {
    it(`{ ${field}: undefined } fails the batch with the ORM's VALIDATION message, not Convex's error`, async () => {
      const backend = migrationBackend(defineMigrationSet([removing(field)]));
      await seedTodos(backend.t, 2);
      const run = await backend.run({ direction: 'up' });
      expect(run.status).toBe('failed');
      expect(run.lastError).toContain(`"todos.${field}" is a system field set by Convex; it cannot be written.`);
      expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['todo 0', 'todo 1']);
    });
  }
});
