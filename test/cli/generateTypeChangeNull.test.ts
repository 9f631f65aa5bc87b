// @vitest-environment node
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrateOneCtx, Migration } from 'convex-orm/migrations';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { captureIo } from './io';
import { schemaProject, writeSchema } from './schemaProject';

const transport = { call: async () => null };

/** Generates the migration from schema `before` to `after` and imports it. */
async function generatedMigration(before: string, after: string): Promise<Migration> {
  const dir = schemaProject(before);
  const { io, clock } = captureIo(dir, transport);
  clock.now = Date.parse('2026-03-01T10:00:00Z');
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  writeSchema(dir, after);
  expect(await runCli(['migrate', 'generate'], io)).toBe(0);
  const migrations = join(dir, 'convex/migrations');
  const [file] = readdirSync(migrations).filter((name) => /^\d{8}_/.test(name));
  return ((await import(join(migrations, file!))) as { migration: Migration }).migration;
}

const example = (column: string) => `import { v } from 'convex/values';
import { convexTable, custom, defineSchema, json, text } from 'convex-orm';
export const todos = convexTable('todos', { title: text().notNull(), note: ${column} });
export default defineSchema({ todos });`;

// isId is only reached for id validators; these documents hold none.
const ctx = { db: { normalizeId: () => null, system: { normalizeId: () => null } } } as unknown as MigrateOneCtx;

describe('migrate generate: a type change whose old type held null', () => {
  // `convex-orm pull` writes a required `v.union(v.string(), v.null())` as exactly this column.
  it.each([
    ['custom(v.union(v.string(), v.null())).notNull()', 'a pulled nullable-string column'],
    ['json().notNull()', 'a json column'],
  ])('%s → text().notNull() (%s): a stored null is a value the new type rejects, not one to skip', async (before) => {
    const migration = await generatedMigration(example(before), example('text().notNull()'));
    // Convex will reject `note: null` under `text().notNull()` (v.string()): the migration must not
    // pass over it silently (it leaves the document invalid and the run "completed").
    await expect(
      Promise.resolve().then(() => migration.up.migrateOne(ctx, { _id: 'todo1', title: 't', note: null } as never)),
    ).rejects.toThrow(/TODO \(document todo1\)/);
  });
});
