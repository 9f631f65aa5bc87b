// @vitest-environment node
// `migrate generate` compares columns by their Convex validator only. A column whose kind changes
// to one with the same validator but a stricter ORM rule (number() → integer(), text() → date(),
// number() → timestamp(), vector(3) → vector(4)) is reported as "No schema changes", and no
// migration is scaffolded, although stored documents hold values the new column refuses
// (src/schema/valueProblem.ts valueProblem: VALIDATION on every write of such a value).
// docs/migrations.md: "For every table with a change that documents written under the old schema
// may fail, it scaffolds a migration ... type change: a TODO for values the new validator rejects".
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrateOneCtx, Migration } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const schema = (column: string) => `
import { convexTable, date, defineSchema, integer, number, text, timestamp, vector } from 'convex-orm';
export const things = convexTable('things', { name: text().notNull(), value: ${column} });
export default defineSchema({ things });
`;

const ctx = { db: { normalizeId: () => null, system: { normalizeId: () => null } } } as unknown as MigrateOneCtx;

describe('migrate generate: a column kind change the validator does not show', () => {
  it.each([
    ['number().notNull()', 'integer().notNull()', 1.5, 2],
    ['text().notNull()', 'date().notNull()', 'next tuesday', '2026-03-01'],
    ['number().notNull()', 'timestamp().notNull()', 1.5, 1_772_323_200_000],
    ['vector(3).notNull()', 'vector(4).notNull()', [1, 2, 3], [1, 2, 3, 4]],
  ])(
    '%s → %s: a stored %j the new column refuses gets a migration (a TODO), not "No schema changes"',
    async (before, after, stored, valid) => {
      const dir = schemaProject(schema(before));
      const { io, output, clock } = captureIo(dir, { call: async () => null });
      clock.now = Date.parse('2026-03-01T10:00:00Z');
      expect(await runCli(['migrate', 'generate'], io)).toBe(0);
      writeSchema(dir, schema(after));
      output.stdout = '';
      expect(await runCli(['migrate', 'generate'], io)).toBe(0);
      expect(output.stdout).not.toMatch(/No schema changes/);
      const migrations = join(dir, 'convex/migrations');
      const files = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
      expect(files, output.stdout).toHaveLength(1);
      const { migration } = (await import(join(migrations, files[0]!))) as { migration: Migration };
      await expect(
        Promise.resolve().then(() =>
          migration.up.migrateOne(ctx, { _id: 'thing1', name: 'a', value: stored } as never),
        ),
      ).rejects.toThrow(/TODO \(document thing1\)/);
      // A value the new column takes is left as it is.
      expect(await migration.up.migrateOne(ctx, { _id: 'thing2', name: 'b', value: valid } as never)).toBeUndefined();
    },
  );
});
