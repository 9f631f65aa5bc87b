import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RESERVED_TABLE_NAMES } from '../schema/names.js';
import type { CliConfig } from './config.js';
import { CliError } from './errors.js';
import { exportedSchema, loadSchemaModule, schemaPath } from './loadSchema.js';
import { addMigrations, type MigrationFile } from './manifest.js';
import { tsString } from './source.js';

/** `YYYYMMDD_HHMMSS` in UTC. */
export function timestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
}

/** `<YYYYMMDD_HHMMSS>_<slug>`: the id (and file name) of a migration named `name` created at `now`. */
export function migrationId(name: string, now: Date): string {
  return `${timestamp(now)}_${slugify(name)}`;
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

/**
 * What a generator (`migrate generate`) fills into the template; without it, the file is the
 * blank `migrate create` skeleton.
 */
export interface MigrationBody {
  /** Names imported from `convex-orm/migrations` besides `defineMigration`. */
  migrationsImports: string[];
  /** Type names imported from `_generated/dataModel` besides `DataModel`. */
  dataModelImports: string[];
  /** Declarations between the imports and the migration, ending with a blank line. */
  declarations: string;
  /** The `up` step's comment and `migrateOne` property, indented four spaces. */
  migrateOne: string;
}

const BLANK_STEP = `    // Return a partial patch (a field set to undefined is removed), or nothing to skip the document.
    migrateOne: async (_ctx, _doc) => {
      return undefined;
    },
`;

/**
 * Where a migration file imports the app's `<functionsDir>/_generated/dataModel` from: relative
 * to the migrations directory, which convex-orm.json's `migrationsDir` may put anywhere, and with
 * the extension, as moduleResolution node16 / nodenext requires (and Convex's codegen writes).
 */
export function dataModelPath(config: Pick<CliConfig, 'functionsDir' | 'migrationsDir'>): string {
  const dataModel = join(config.functionsDir, '_generated', 'dataModel.js');
  const path = relative(config.migrationsDir, dataModel).replaceAll(sep, '/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** The new migration file's source; it imports the data model from `dataModel` (`dataModelPath`). */
function migrationTemplate(
  id: string,
  description: string,
  table: string,
  dataModel: string,
  body?: MigrationBody,
): string {
  const migrationsImports = ['defineMigration', ...(body?.migrationsImports ?? [])].join(', ');
  const dataModelImports = ['DataModel', ...(body?.dataModelImports ?? [])].join(', ');
  return `import { ${migrationsImports} } from 'convex-orm/migrations';
import type { ${dataModelImports} } from ${tsString(dataModel)};

${body?.declarations ?? ''}export const migration = defineMigration<DataModel>({
  id: ${tsString(id)},
  description: ${tsString(description)},
  up: {
    table: ${tsString(table)},
${body?.migrateOne ?? BLANK_STEP}  },
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
  const tables = exportedSchema(await loadSchemaModule(cwd, path), path)
    .tables.map((exported) => exported.tableName)
    .filter((name) => !RESERVED_TABLE_NAMES.has(name));
  if (!tables.includes(table)) {
    throw new CliError(
      `Unknown table "${table}" for --table: ${relative(cwd, path)} defines ${tables.join(', ') || 'no tables'}.`,
      2,
    );
  }
}

/**
 * The file of a new migration named `name` created at `now`, importing the data model from
 * `dataModel` (`dataModelPath`): the blank skeleton, or `body` filled in.
 */
export function newMigration(
  name: string,
  table: string | undefined,
  now: Date,
  dataModel: string,
  body?: MigrationBody,
): MigrationFile {
  const id = migrationId(name, now);
  const description = slugify(name).replaceAll('_', ' ');
  return { id, source: migrationTemplate(id, description, table ?? '<table>', dataModel, body) };
}

/**
 * `migrate create <name>`: writes `<cwd>/<migrationsDir>/<YYYYMMDD_HHMMSS>_<name>.ts` (UTC) and
 * regenerates the manifest; returns the id. Refuses to overwrite an existing file (two creates
 * in the same second), and writes nothing when a file of the directory is not a migration.
 */
export function createMigration(
  cwd: string,
  config: CliConfig,
  name: string,
  table: string | undefined,
  now: Date,
): string {
  const file = newMigration(name, table, now, dataModelPath(config));
  addMigrations(join(cwd, config.migrationsDir), [file]);
  return file.id;
}
