import { defineMigration, defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos, todos } from './harness';

// A patch that sets or removes a system field (`{ _creationTime: undefined }`: a patch built from a
// key list, or JS without the types) fails the batch with the ORM's VALIDATION message in either
// write mode, before Convex's own refusal (or, in 'normal' mode, the update's set() silently leaving
// system fields out) and with nothing written.
const patching = (writeMode: 'safe_bypass' | 'normal', field: '_id' | '_creationTime', value: unknown) =>
  defineMigration({
    id: '20260101_000000_system_field',
    up: { table: 'todos', writeMode, migrateOne: async () => ({ [field]: value }) as never },
  });

describe('a migration patch touching a system field', () => {
  for (const writeMode of ['safe_bypass', 'normal'] as const) {
    for (const field of ['_creationTime', '_id'] as const) {
      for (const [what, value] of [
        ['removing', undefined],
        ['setting', field === '_id' ? 'some id' : 5],
      ] as const) {
        it(`${writeMode}, ${what} ${field}: the batch fails with the system-field error, nothing written`, async () => {
          const backend = migrationBackend(defineMigrationSet([patching(writeMode, field, value)]));
          await seedTodos(backend.t, 2);
          const run = await backend.run({ direction: 'up' });
          expect(run.status).toBe('failed');
          expect(run.lastError).toContain(`"todos.${field}" is a system field set by Convex; it cannot be written.`);
          expect((await todos(backend.t)).map((todo) => todo.title)).toEqual(['todo 0', 'todo 1']);
        });
      }
    }
  }
});
