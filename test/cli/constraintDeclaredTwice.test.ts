// @vitest-environment node
import { defineMigrationSet } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { convexTable, createOrm, defineRelations, defineSchema, text, unique } from '../../src/index';
import { migrationBackend, TEST_MODULE } from '../convex/migrations/harness';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

// A ported schema that names its primary key's constraint as Postgres does, next to the column's
// .primaryKey(): the same constraint declared twice (same name, same definition, accepted) is one
// constraint: generate does not list it as new on every run, and check reports each duplicate once.
const SOURCE = (extra = '') => `
import { convexTable, defineSchema, text, unique } from 'convex-orm';
export const countries = convexTable(
  'countries',
  { code: text().primaryKey(), name: text()${extra} },
  (t) => [unique('countries_pkey').on(t.code)],
);
export default defineSchema({ countries });
`;

describe('a primary key also declared as unique(<table>_pkey).on(column)', () => {
  it('migrate generate does not report the unchanged countries_pkey as new on every run', async () => {
    const dir = schemaProject(SOURCE());
    const { io, output, clock } = captureIo(dir, { call: async () => null });
    clock.now = Date.parse('2026-03-01T10:00:00Z');
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    // An unrelated, compatible change: the constraint is the one the snapshot already recorded.
    writeSchema(dir, SOURCE(', note: text()'));
    output.stdout = '';
    expect(await runCli(['migrate', 'generate'], io)).toBe(0);
    expect(output.stdout).toContain('countries.note: new nullable column');
    expect(output.stdout).not.toContain('countries_pkey');
  });

  it('migrate check reports one duplicate key once (1 document), not the same document twice', async () => {
    const countries = convexTable('countries', { code: text().primaryKey(), name: text() }, (t) => [
      unique('countries_pkey').on(t.code),
    ]);
    const schema = defineSchema({ countries });
    const orm = createOrm({ relations: defineRelations({ countries }) });
    const backend = migrationBackend(defineMigrationSet([]), orm as never, undefined, false, schema);
    const [, second] = await backend.t.run(async (ctx) => {
      const db = ctx.db as any;
      return [
        await db.insert('countries', { code: 'FR', name: 'a' }),
        await db.insert('countries', { code: 'FR', name: 'b' }),
      ];
    });
    const { io, output } = captureIo(schemaProject(SOURCE(), { functionsModule: TEST_MODULE }), backend.transport);
    expect(await runCli(['migrate', 'check'], io)).toBe(1);
    expect(output.stdout).toContain('countries: 1 of 2 documents break constraints');
    expect(output.stdout).toContain('unique countries_pkey: 1 document, e.g.');
    expect(output.stdout.split(`${second} = "FR"`).length - 1).toBe(1);
  });
});
