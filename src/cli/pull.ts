import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { CliConfig } from './config.js';
import { CliError } from './errors.js';
import { plural } from './format.js';
import type { CliIo } from './io.js';
import { exportedSchema, loadSchemaModule, schemaPath } from './loadSchema.js';
import { ownTableNames } from './ownTables.js';
import { pulledSchema } from './pullSource.js';

/** Options of `pull`: the plain Convex schema to read, the file to write, whether to overwrite it. */
export interface PullOptions {
  schema?: string;
  out?: string;
  force: boolean;
}

/**
 * `pull`: reads a plain Convex `schema.ts` (loaded, then its `defineSchema(...).export()`, so
 * whatever code builds the schema works) and writes a convex-orm schema with relations guessed
 * from `v.id` fields, as `drizzle-kit pull` does for a SQL database.
 */
export async function pull(io: CliIo, config: CliConfig, options: PullOptions): Promise<number> {
  const input =
    options.schema === undefined ? schemaPath(io.cwd, config.functionsDir) : resolve(io.cwd, options.schema);
  const out = resolve(io.cwd, options.out ?? join(config.functionsDir, 'ormSchema.ts'));
  if (existsSync(out) && !options.force) {
    throw new CliError(`${relative(io.cwd, out)} already exists; pass --force to overwrite it, or --out <file>.`);
  }
  const schema = exportedSchema(await loadSchemaModule(io.cwd, input), input);
  const own = await ownTableNames(io.cwd, schema.tables);
  const { source, tableCount, relationCount } = pulledSchema(relative(io.cwd, input), schema, own);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, source);
  io.stdout.write(
    `Wrote ${relative(io.cwd, out)}: ${plural(tableCount, 'table')}, ${plural(relationCount, 'relation')} guessed from v.id fields.\n` +
      'Review it (optional fields are nullable columns now; check the relations), then make it your schema.ts.\n',
  );
  return 0;
}
