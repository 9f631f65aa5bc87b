// Found by review: a migrateOne patch holding an own field named `__proto__` (a patch built from
// data: `Object.fromEntries(entries)`, `JSON.parse(doc.pending)`) was copied by assignment, which set
// the copy's prototype instead of a field: in 'safe_bypass' the batch wrote nothing for the document
// yet counted it as changed (a `title` the value held was silently dropped); in 'normal' it failed
// with "No values to set", naming no field. As for any field the table does not have
// (docs/migrations.md step 2), the batch fails naming `__proto__`, and nothing is written or counted.
import { defineMigration, defineMigrationSet, type WriteMode } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { migrationBackend, seedTodos, todos } from './harness';

const protoPatch = (writeMode: WriteMode) =>
  defineMigration<any>({
    id: '20260101_000000_patch_from_entries',
    up: {
      table: 'todos',
      writeMode,
      // A patch built from key/value pairs (say read from a document or a file): one key is "__proto__".
      migrateOne: async () => Object.fromEntries([['__proto__', { priority: 'low' }]]),
    },
  });

describe('a migrateOne patch with an own field named __proto__', () => {
  for (const writeMode of ['safe_bypass', 'normal'] as WriteMode[]) {
    it(`${writeMode}: fails the batch naming the field, nothing written or counted`, async () => {
      const backend = migrationBackend(defineMigrationSet([protoPatch(writeMode)]));
      await seedTodos(backend.t, 2);
      const before = await todos(backend.t);
      const run = await backend.run({ direction: 'up' });
      expect(await todos(backend.t)).toEqual(before);
      expect({ status: run.status, changed: run.progress[0]!.changed }).toEqual({ status: 'failed', changed: 0 });
      expect(run.lastError).toContain('has no column "__proto__"');
    });
  }
});
