import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RESERVED_TABLE_NAMES } from '../schema/names.js';
import { CliError } from './errors.js';
import { exportedTables, loadSchemaModule, schemaPath } from './loadSchema.js';
import { writeManifest } from './manifest.js';
import { tsString } from './source.js';

/** `YYYYMMDD_HHMMSS` in UTC. */
export function timestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** `Backfill Todo-Priority` → `backfill_todo_priority`. */
function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new CliError(`Invalid migration name "${name}": use letters and digits.`, 2);
  return slug;
}

/** The new migration file's source. */
function migrationTemplate(id: string, description: string, table: string): string {
  return `import { defineMigration } from 'convex-orm/migrations';
import type { DataModel } from '../_generated/dataModel';

export const migration = defineMigration<DataModel>({
  id: ${tsString(id)},
  description: ${tsString(description)},
  up: {
    table: ${tsString(table)},
    // Return a partial patch (a field set to undefined is removed), or nothing to skip the document.
    migrateOne: async (_ctx, _doc) => {
      return undefined;
    },
  },
  // down: { table: ${tsString(table)}, migrateOne: async (_ctx, doc) => ... }, // optional; never automatic
});
`;
}

/**
 * Checks that `table` is a table of the app's schema (`<functionsDir>/schema.ts`), so the new
 * file type-checks against its `DataModel`.
 */
export async function checkMigrationTable(cwd: string, functionsDir: string, table: string): Promise<void> {
  const path = schemaPath(cwd, functionsDir);
  if (!existsSync(path)) {
    throw new CliError(
      `Cannot check --table "${table}": ${relative(cwd, path)} not found. Run the command in your Convex app, or leave --table out and fill in the table.`,
      2,
    );
  }
  const tables = exportedTables(await loadSchemaModule(cwd, path), path)
    .map((exported) => exported.tableName)
    .filter((name) => !RESERVED_TABLE_NAMES.has(name));
  if (!tables.includes(table)) {
    throw new CliError(
      `Unknown table "${table}" for --table: ${relative(cwd, path)} defines ${tables.join(', ') || 'no tables'}.`,
      2,
    );
  }
}

/**
 * `migrate create <name>`: writes `<dir>/<YYYYMMDD_HHMMSS>_<name>.ts` (UTC) and regenerates the
 * manifest. Refuses to overwrite an existing file (two creates in the same second).
 */
export function createMigration(
  dir: string,
  name: string,
  table: string | undefined,
  now: Date,
): { id: string; path: string } {
  const slug = slugify(name);
  const id = `${timestamp(now)}_${slug}`;
  const path = join(dir, `${id}.ts`);
  if (existsSync(path)) {
    throw new CliError(`${path} already exists; not overwriting it. Wait a second and run the command again.`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, migrationTemplate(id, slug.replaceAll('_', ' '), table ?? '<table>'), { flag: 'wx' });
  writeManifest(dir);
  return { id, path };
}
